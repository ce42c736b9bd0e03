<?php
// The training's page, reading the password from the environment (db.env)
// instead of writing it here. PHP 8.1 and later throw on a failed mysqli
// call by default; reporting off keeps the slides' error checks working.
mysqli_report(MYSQLI_REPORT_OFF);

$sql = "select hello from mytable";

$conn = new mysqli("db", "root", getenv("MYSQL_ROOT_PASSWORD"), "mydb");
// check connection
if ($conn->connect_error) {
    echo 'Unable to connect to DB. Error: ' . $conn->connect_error;
    exit();
}

$rs = $conn->query($sql);

if ($rs === false) {
    echo "Unable to retrieve data: " . $conn->error;
} else {
    $rs->data_seek(0);
    $row = $rs->fetch_row();
}
?>

<html>
<body>
<h2><?php echo gethostname(); ?></h2>
<p>Content of the first table row: <?php echo $row[0]; ?></p>
</body>
</html>
