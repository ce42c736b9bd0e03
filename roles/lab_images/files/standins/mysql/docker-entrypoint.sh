#!/bin/sh
# Initialise the MariaDB data folder on first start, then run the server.
set -eu

initialise() {
    if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
        echo "error: database is uninitialized and password option is not specified" >&2
        echo "  You need to specify one of MYSQL_ROOT_PASSWORD or MYSQL_ALLOW_EMPTY_PASSWORD" >&2
        exit 1
    fi
    echo "Initializing database in /var/lib/mysql"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
    mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
    server=$!
    for _ in $(seq 1 60); do
        mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break
        sleep 1
    done
    password=$(printf '%s' "${MYSQL_ROOT_PASSWORD:-}" | sed "s/'/''/g")
    {
        echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$password';"
        echo "CREATE USER 'root'@'%' IDENTIFIED BY '$password';"
        echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
        if [ -n "${MYSQL_DATABASE:-}" ]; then
            echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
        fi
        if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
            user_password=$(printf '%s' "$MYSQL_PASSWORD" | sed "s/'/''/g")
            echo "CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$user_password';"
            [ -n "${MYSQL_DATABASE:-}" ] && echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';"
        fi
        echo "FLUSH PRIVILEGES;"
    } | mariadb --socket=/run/mysqld/init.sock -uroot
    kill "$server"
    wait "$server" || true
    echo "Database initialized"
}

if [ "${1:-}" = "mariadbd" ] || [ "${1:-}" = "mysqld" ]; then
    [ -d /var/lib/mysql/mysql ] || initialise
    shift
    exec mariadbd --user=mysql --bind-address=0.0.0.0 "$@"
fi
exec "$@"
