<?php
// The training's PHP page, configured from the environment. The web hosts reach
// the database on the db host's published port, not on a Compose network.
mysqli_report(MYSQLI_REPORT_OFF);

$conn = new mysqli(
    getenv('DB_HOST'), getenv('DB_USER'), getenv('DB_PASSWORD'),
    getenv('DB_NAME'), (int) getenv('DB_PORT')
);
if ($conn->connect_error) {
    http_response_code(503);
    echo 'Unable to connect to DB. Error: ' . htmlspecialchars($conn->connect_error) . "\n";
    exit();
}

// USER() contains the client address as the database server records it, which
// shows the request crossing from the web host to the db host.
$rs = $conn->query(
    "select hello, @@hostname, substring_index(user(), '@', -1) from mytable limit 1"
);
if ($rs === false || $rs->num_rows === 0) {
    http_response_code(503);
    echo 'Unable to retrieve data: ' . htmlspecialchars($conn->error) . "\n";
    exit();
}
$row = $rs->fetch_row();
$release = getenv('APP_RELEASE');
?>
<html>
<body>
<h2>Release <span id="release"><?php echo htmlspecialchars($release); ?></span></h2>
<p>Content of the first table row: <span id="row"><?php echo htmlspecialchars($row[0]); ?></span></p>
<p>Web host: <span id="web-host"><?php echo htmlspecialchars(getenv('WEB_HOST')); ?></span></p>
<p>Database server: <span id="db-server"><?php echo htmlspecialchars($row[1]); ?></span>,
   seen from <span id="db-client"><?php echo htmlspecialchars($row[2]); ?></span></p>
</body>
</html>
