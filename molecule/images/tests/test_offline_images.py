"""Offline stand-ins loaded into a trainee VM do their official images' jobs."""

import subprocess

import pytest

import testlib

TAGS = ["debian:bookworm", "debian:latest", "ubuntu:24.04", "ubuntu:latest",
        "httpd:2.4", "httpd:latest", "redis:7", "redis:latest", "mysql:8.4",
        "mysql:latest", "php:8.2-apache", "php:5.6-apache",
        "pvnovarese/mprime:latest"]


@pytest.fixture
def cleanup(host):
    """Collect container and image names, and remove them after the test."""
    names = {"containers": [], "images": []}
    yield names
    for container in names["containers"]:
        host.run("docker rm -f %s", container)
    for image in names["images"]:
        host.run("docker rmi -f %s", image)


@pytest.mark.parametrize("tag", TAGS)
def test_tag_matches_controller_image(host, tag):
    vm_id = host.check_output("docker image inspect --format '{{.Id}}' %s", tag)
    controller_id = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", tag],
        capture_output=True, text=True, check=True).stdout.strip()
    assert vm_id == controller_id


def test_tarball_left_no_copy_on_the_vm(host):
    """The streamed VM never had a copy; the copying VM removed its copy."""
    cache = host.file("/var/cache/dockerlab/images")
    if host.backend.get_hostname() == "molecule-images-2":
        assert cache.is_directory
        assert cache.listdir() == []
    else:
        assert not cache.exists


def test_ubuntu_passes_environment(host):
    output = host.check_output("docker run --rm -e var1=toto -e var2=titi ubuntu env")
    assert "var1=toto" in output.splitlines()
    assert "var2=titi" in output.splitlines()


def test_httpd_serves_htdocs(host, cleanup):
    name = testlib.unique_name("web")
    cleanup["containers"].append(name)
    host.run_expect([0], "docker run -d --name %s -p 18080:80 httpd", name)
    page = testlib.wait_for(lambda: host.run("curl -fsS http://127.0.0.1:18080/").stdout)
    assert "It works!" in page
    assert "-DFOREGROUND" in host.check_output("docker top %s", name)


def test_httpd_hello_image_builds(host, cleanup):
    name = testlib.unique_name("myweb")
    image = testlib.unique_name("hello")
    cleanup["containers"].append(name)
    cleanup["images"].append(image)
    context = host.check_output("mktemp -d")
    host.run_expect([0], "sh -c %s", (
        f"cd {context} && echo '<html><body><h1>Hello world!</h1></body></html>' > index.html"
        " && printf 'FROM httpd\\nADD index.html /usr/local/apache2/htdocs\\n' > Dockerfile"
        f" && docker build -q -t {image} ."))
    host.run_expect([0], "docker run -d --name %s -p 18081:80 %s", name, image)
    page = testlib.wait_for(lambda: host.run("curl -fsS http://127.0.0.1:18081/").stdout)
    assert "Hello world!" in page


def test_redis_answers_ping(host, cleanup):
    name = testlib.unique_name("myredis")
    cleanup["containers"].append(name)
    host.run_expect([0], "docker run -d --name %s redis", name)
    reply = testlib.wait_for(lambda: host.run("docker exec %s redis-cli ping", name).stdout)
    assert reply.strip() == "PONG"
    assert host.check_output("docker exec %s id -un", name) == "redis"


def test_mysql_without_password_fails(host, cleanup):
    name = testlib.unique_name("mysql-nopass")
    cleanup["containers"].append(name)
    result = host.run("docker run --name %s mysql", name)
    assert result.rc == 1
    assert "MYSQL_ROOT_PASSWORD" in result.stderr


def test_mysql_initialises_database(host, cleanup):
    name = testlib.unique_name("mysql")
    cleanup["containers"].append(name)
    host.run_expect([0], "docker run -d --name %s -e MYSQL_ROOT_PASSWORD=test "
                    "-e MYSQL_DATABASE=testdb mysql", name)
    query = "mariadb -uroot -ptest -h127.0.0.1 testdb -N -e 'select database()'"
    answer = testlib.wait_for(
        lambda: host.run("docker exec %s sh -c %s", name, query).stdout, timeout=60)
    assert answer.strip() == "testdb"


def test_php_apache_builds_mysqli_image(host, cleanup):
    name = testlib.unique_name("phpmysql")
    image = testlib.unique_name("phpmysql")
    cleanup["containers"].append(name)
    cleanup["images"].append(image)
    context = host.check_output("mktemp -d")
    host.run_expect([0], "sh -c %s", (
        f"cd {context} && mkdir code && echo '<?php echo \"mysqli=\" . "
        "(extension_loaded(\"mysqli\") ? \"yes\" : \"no\");' > code/index.php"
        " && printf 'FROM php:5.6-apache\\nRUN docker-php-ext-install mysqli\\n' > Dockerfile"
        f" && docker build -q -t {image} ."))
    host.run_expect([0], "docker run -d --name %s -p 18082:80 -v %s/code:/var/www/html %s",
                    name, context, image)
    page = testlib.wait_for(lambda: host.run("curl -fsS http://127.0.0.1:18082/").stdout)
    assert page.strip() == "mysqli=yes"


def test_php_ext_install_rejects_missing_extension(host):
    result = host.run("docker run --rm php:8.2-apache docker-php-ext-install no_such_ext")
    assert result.rc == 1
    assert "not packaged" in result.stderr


def test_cpu_burner_keeps_running(host, cleanup):
    name = testlib.unique_name("burner")
    cleanup["containers"].append(name)
    host.run_expect([0], "docker run -d --name %s pvnovarese/mprime", name)
    state = testlib.wait_for(lambda: host.check_output(
        "docker inspect --format '{{.State.Running}}' %s", name) == "true")
    assert state
