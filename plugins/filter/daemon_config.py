# Copyright: dockerlab.training developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check and normalise a Docker daemon configuration (daemon.json) dict."""

from __future__ import annotations


# Top-level daemon.json keys of dockerd 20.10 to 27 (dockerd reference,
# "Daemon configuration file").
KNOWN_KEYS = frozenset("""
allow-nondistributable-artifacts api-cors-header authorization-plugins bip
bip6 bridge builder cdi-spec-dirs cgroup-parent containerd
containerd-namespace containerd-plugins-namespace data-root debug
default-address-pools default-cgroupns-mode default-gateway
default-gateway-v6 default-ipc-mode default-network-opts default-runtime
default-shm-size default-ulimits dns dns-opts dns-search exec-opts
exec-root experimental features fixed-cidr fixed-cidr-v6 group hosts
host-gateway-ip icc init init-path insecure-registries ip ip-forward
ip-forward-no-drop ip-masq ip6tables iptables ipv6 labels live-restore
log-driver log-format log-level log-opts max-concurrent-downloads
max-concurrent-uploads max-download-attempts mtu no-new-privileges
node-generic-resources oom-score-adjust pidfile proxies raw-logs
registry-mirrors runtimes seccomp-profile selinux-enabled shutdown-timeout
storage-driver storage-opts swarm-default-advertise-addr tls tlscacert
tlscert tlskey tlsverify userland-proxy userland-proxy-path userns-remap
cluster-advertise cluster-store cluster-store-opts
""".split())

# Options every log driver accepts: delivery mode and the dual logging cache.
COMMON_LOG_OPTS = frozenset(
    "mode max-buffer-size cache-disabled cache-max-size cache-max-file "
    "cache-compress".split()
)
_ATTRIBUTE_OPTS = frozenset("labels labels-regex env env-regex".split())

# Options of each built-in log driver (Docker's "Configure logging drivers"
# pages, Docker 20.10 to 27).
LOG_DRIVER_OPTS = {
    "json-file": {"max-size", "max-file", "compress", "tag"} | _ATTRIBUTE_OPTS,
    "local": {"max-size", "max-file", "compress"},
    "syslog": {
        "syslog-address", "syslog-facility", "syslog-tls-ca-cert",
        "syslog-tls-cert", "syslog-tls-key", "syslog-tls-skip-verify",
        "syslog-format", "tag",
    } | _ATTRIBUTE_OPTS,
    "journald": {"tag"} | _ATTRIBUTE_OPTS,
    "gelf": {
        "gelf-address", "gelf-compression-type", "gelf-compression-level",
        "gelf-tcp-max-reconnect", "gelf-tcp-reconnect-delay", "tag",
    } | _ATTRIBUTE_OPTS,
    "fluentd": {
        "fluentd-address", "fluentd-async", "fluentd-async-connect",
        "fluentd-buffer-limit", "fluentd-retry-wait", "fluentd-max-retries",
        "fluentd-sub-second-precision", "fluentd-request-ack",
        "fluentd-write-timeout", "tag",
    } | _ATTRIBUTE_OPTS,
    "awslogs": {
        "awslogs-region", "awslogs-endpoint", "awslogs-group",
        "awslogs-stream", "awslogs-create-group", "awslogs-create-stream",
        "awslogs-datetime-format", "awslogs-multiline-pattern",
        "awslogs-credentials-endpoint", "awslogs-force-flush-interval-seconds",
        "awslogs-max-buffered-events", "awslogs-format", "tag",
    },
    "splunk": {
        "splunk-token", "splunk-url", "splunk-source", "splunk-sourcetype",
        "splunk-index", "splunk-capath", "splunk-caname",
        "splunk-insecureskipverify", "splunk-format",
        "splunk-verify-connection", "splunk-gzip", "splunk-gzip-level",
        "splunk-index-acknowledgment", "tag",
    } | _ATTRIBUTE_OPTS,
    "gcplogs": {
        "gcp-project", "gcp-log-cmd", "gcp-meta-zone", "gcp-meta-name",
        "gcp-meta-id",
    } | _ATTRIBUTE_OPTS,
    "logentries": {"logentries-token", "line-only", "tag"} | _ATTRIBUTE_OPTS,
    "etwlogs": set(),
    "none": set(),
}

# Log-opts whose value must be one of a fixed set.
LOG_OPT_CHOICES = {
    "mode": ("blocking", "non-blocking"),
    "syslog-format": ("rfc5424", "rfc5424micro", "rfc3164"),
    "syslog-facility": (
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
        "uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2",
        "local3", "local4", "local5", "local6", "local7",
    ),
}


def _log_opt_value(value):
    """Render one log-opt value as dockerd expects it: always a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_log_opts(driver, log_opts, variable):
    if not isinstance(log_opts, dict):
        return [f"{variable}['log-opts'] is {log_opts!r}; it must be a dict."]
    allowed = COMMON_LOG_OPTS | LOG_DRIVER_OPTS.get(driver, set())
    errors = []
    for name in sorted(log_opts):
        value = log_opts[name]
        if name not in allowed:
            errors.append(
                f"{variable}['log-opts'] has '{name}', which the {driver} log "
                f"driver does not accept; allowed: {', '.join(sorted(allowed))}."
            )
        elif isinstance(value, (dict, list)) or value is None:
            errors.append(
                f"{variable}['log-opts']['{name}'] is {value!r}; it must be a "
                "string, number or boolean."
            )
        elif name in LOG_OPT_CHOICES and _log_opt_value(value) not in LOG_OPT_CHOICES[name]:
            errors.append(
                f"{variable}['log-opts']['{name}'] is '{value}'; allowed: "
                f"{', '.join(LOG_OPT_CHOICES[name])}."
            )
    return errors


def daemon_config_errors(config, variable="docker_engine_daemon_config"):
    """Return a list of messages, one per problem found in CONFIG."""
    if not isinstance(config, dict):
        return [f"{variable} is {config!r}; it must be a dict of daemon.json keys."]
    errors = [
        f"{variable} has the unknown key '{key}'; see the dockerd reference "
        "for the keys daemon.json accepts."
        for key in sorted(set(config) - KNOWN_KEYS)
    ]
    driver = config.get("log-driver", "json-file")
    if driver not in LOG_DRIVER_OPTS:
        errors.append(
            f"{variable}['log-driver'] is '{driver}'; allowed: "
            f"{', '.join(sorted(LOG_DRIVER_OPTS))}."
        )
    elif "log-opts" in config:
        errors.extend(_check_log_opts(driver, config["log-opts"], variable))
    hosts = config.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        errors.append(f"{variable}['hosts'] is {hosts!r}; it must be a list of strings.")
    return errors


def daemon_config_normalize(config):
    """Return a copy of CONFIG whose log-opts values are all strings."""
    normalized = dict(config)
    if isinstance(config.get("log-opts"), dict):
        normalized["log-opts"] = {
            name: _log_opt_value(value) for name, value in config["log-opts"].items()
        }
    return normalized


class FilterModule:
    """Filters for Docker daemon.json dicts."""

    def filters(self):
        return {
            "daemon_config_errors": daemon_config_errors,
            "daemon_config_normalize": daemon_config_normalize,
        }
