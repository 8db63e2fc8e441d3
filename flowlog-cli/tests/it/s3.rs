//! `flowlog query` directly on S3: the local moto servers that `scripts/test` starts,
//! credentials from fake AWS config files in a temporary HOME (no real AWS account, and
//! never a request beyond 127.0.0.1).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

use crate::s3_server::{StoppingProxy, auth_endpoint, endpoint, server_var};
use crate::support::{root, stderr};

/// Run flowlog with a clean AWS environment: HOME is `home`, no AWS_* variable but
/// those given, and instance metadata never probed.
fn flowlog(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowlog"));
    cmd.current_dir(root()).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join(".aws/config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("flowlog runs")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const STATIC_KEYS: [(&str, &str); 3] = [
    ("AWS_ACCESS_KEY_ID", "test"),
    ("AWS_SECRET_ACCESS_KEY", "test"),
    ("AWS_REGION", "us-east-1"),
];

fn runbook_args<'a>(endpoint: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "query",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--endpoint-url",
        endpoint,
        "--now",
        "2026-11-20T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
        "--format",
        "csv",
    ];
    args.extend(extra);
    args
}

#[test]
fn the_runbook_on_s3_writes_the_same_csv_bytes() {
    let home = tempfile::tempdir().unwrap();
    let endpoint = endpoint();
    let out = flowlog(home.path(), &STATIC_KEYS, &runbook_args(&endpoint, &["-v"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(out.stdout, want);
    // -v reports the progress counters.
    let err = stderr(&out);
    assert!(
        err.contains("flowlog: listed ") && err.contains(" bytes ("),
        "{err}"
    );
}

#[test]
fn logs_mode_reads_an_s3_url() {
    let home = tempfile::tempdir().unwrap();
    let out = flowlog(
        home.path(),
        &STATIC_KEYS,
        &[
            "query",
            "--endpoint-url",
            &endpoint(),
            "--logs",
            "s3://flowlog-sample-daily",
            "--format",
            "csv",
            "select count(*) as n from vpc_flow_logs where account = '222222222222' and region = 'us-east-1'",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // 49 rows: account 222222222222 in us-east-1, from testdata/records.csv.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"49\"\n");
}

#[test]
fn a_public_bucket_is_read_with_no_sign_request() {
    let home = tempfile::tempdir().unwrap();
    let endpoint = endpoint();
    // No credentials anywhere: unsigned requests still work.
    let out = flowlog(
        home.path(),
        &[("AWS_REGION", "us-east-1")],
        &runbook_args(&endpoint, &["--no-sign-request"]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(out.stdout, want);
}

#[test]
fn missing_credentials_say_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let endpoint = endpoint();
    let out = flowlog(
        home.path(),
        &[("AWS_REGION", "us-east-1")],
        &runbook_args(&endpoint, &[]),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no AWS credentials found"), "{err}");
    assert!(
        err.contains("aws sso login") && err.contains("--profile"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn a_missing_bucket_fails_with_exit_2_and_no_output_file() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let out = flowlog(
        home.path(),
        &STATIC_KEYS,
        &[
            "query",
            "--endpoint-url",
            &endpoint(),
            "--logs",
            "s3://no-such-bucket/",
            "--output",
            &target_s,
            "select count(*) from vpc_flow_logs",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no-such-bucket") && err.contains("does not exist"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!target.exists());
}

#[test]
fn the_server_stopping_mid_query_fails_with_exit_2_and_no_output_file() {
    let home = tempfile::tempdir().unwrap();
    let proxy = StoppingProxy::start(&endpoint());
    let target = home.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let out = flowlog(
        home.path(),
        &STATIC_KEYS,
        &runbook_args(&proxy.endpoint, &["--output", &target_s]),
    );
    assert!(proxy.stopped.load(std::sync::atomic::Ordering::SeqCst));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("s3://flowlog-sample-daily/AWSLogs/") && err.contains("cannot reach"),
        "{err}"
    );
    assert!(!target.exists());
    let left: Vec<_> = std::fs::read_dir(home.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A query of the IAM-enforcing server: account 111111111111 on `day`.
fn auth_query(day: &str) -> Vec<String> {
    vec![
        "query".into(),
        "--endpoint-url".into(),
        auth_endpoint(),
        "--region".into(),
        "us-east-1".into(),
        "--logs".into(),
        "s3://flowlog-sample-daily".into(),
        "--format".into(),
        "csv".into(),
        format!(
            "select count(*) as n from vpc_flow_logs where account = '111111111111' and region = 'ap-northeast-1' and \"date\" = '{day}'"
        ),
    ]
}

fn run_auth(home: &Path, env: &[(&str, &str)], extra: &[&str], day: &str) -> Output {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    let query = auth_query(day);
    args.splice(0..0, query[..1].iter().cloned());
    args.extend(query[1..].iter().cloned());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    flowlog(home, env, &refs)
}

fn analyst_credentials(home: &Path) {
    write(
        &home.join(".aws/credentials"),
        &format!(
            "[default]\naws_access_key_id = AKIAWRONGDEFAULT\naws_secret_access_key = wrong\n\n\
             [analyst]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            server_var("FLOWLOG_TEST_S3_AUTH_KEY_ID"),
            server_var("FLOWLOG_TEST_S3_AUTH_SECRET")
        ),
    );
}

#[test]
fn static_keys_come_from_the_chosen_profile() {
    let home = tempfile::tempdir().unwrap();
    analyst_credentials(home.path());
    // 53 rows: account 111111111111, ap-northeast-1, 2026/11/19 (testdata/records.csv).
    let out = run_auth(home.path(), &[], &["--profile", "analyst"], "2026/11/19");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"53\"\n");
    // AWS_PROFILE works the same way.
    let out = run_auth(
        home.path(),
        &[("AWS_PROFILE", "analyst")],
        &[],
        "2026/11/19",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The default profile's key is unknown to the server.
    let out = run_auth(home.path(), &[], &[], "2026/11/19");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("rejected the credentials"),
        "{}",
        stderr(&out)
    );
}

/// `flowlog sync` takes the profile and region from config.toml as queries do.
#[test]
fn sync_takes_the_profile_and_region_of_the_config_file() {
    let home = tempfile::tempdir().unwrap();
    analyst_credentials(home.path());
    let config = home.path().join("flowlog.toml");
    write(&config, "profile = \"analyst\"\nregion = \"us-east-1\"\n");
    let dir = home.path().join("copy");
    let dir_s = dir.to_string_lossy().to_string();
    let endpoint = auth_endpoint();
    let sync = [
        "sync",
        "--endpoint-url",
        &endpoint,
        "--logs",
        "s3://flowlog-sample-daily",
        "--since",
        "2026/11/19",
        "--until",
        "2026/11/19",
        &dir_s,
    ];
    // Without the file: the default profile's key, which the server rejects.
    let out = flowlog(home.path(), &[("FLOWLOG_CONFIG", "/nonexistent")], &sync);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rejected the credentials"),
        "{}",
        stderr(&out)
    );
    let config_s = config.to_string_lossy().to_string();
    let out = flowlog(home.path(), &[("FLOWLOG_CONFIG", &config_s)], &sync);
    assert!(out.status.success(), "{}", stderr(&out));
    let copied =
        dir.join("flowlog-sample-daily/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19");
    assert!(
        std::fs::read_dir(&copied).unwrap().count() > 0,
        "nothing copied under {}",
        copied.display()
    );
}

#[test]
fn a_denied_key_fails_with_exit_2_naming_it() {
    let home = tempfile::tempdir().unwrap();
    analyst_credentials(home.path());
    let out = run_auth(home.path(), &[], &["--profile", "analyst"], "2026/11/20");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let denied = server_var("FLOWLOG_TEST_S3_AUTH_DENIED_PREFIX");
    assert!(
        err.contains(&format!("s3://flowlog-sample-daily/{denied}")),
        "{err}"
    );
    assert!(err.contains("access denied"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_assume_role_profile_follows_its_source_profile() {
    let home = tempfile::tempdir().unwrap();
    let role = server_var("FLOWLOG_TEST_S3_AUTH_ROLE_ARN");
    // The source profile's key is unknown to the S3 server: only the role's credentials
    // (from STS, called with the source profile's key) can read the bucket.
    write(
        &home.path().join(".aws/credentials"),
        "[base]\naws_access_key_id = AKIABASEPROFILE\naws_secret_access_key = base-secret\n",
    );
    write(
        &home.path().join(".aws/config"),
        &format!(
            "[profile reader]\nrole_arn = {role}\nsource_profile = base\nregion = us-east-1\n"
        ),
    );
    let sts = fake_sts(role, "AKIABASEPROFILE");
    // The role may read the day the analyst is denied.
    let out = run_auth(
        home.path(),
        &[("AWS_ENDPOINT_URL_STS", &sts)],
        &["--profile", "reader"],
        "2026/11/20",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // 83 rows: account 111111111111, ap-northeast-1, 2026/11/20 (testdata/records.csv).
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"83\"\n");
    // The source profile alone is rejected.
    let out = run_auth(home.path(), &[], &["--profile", "base"], "2026/11/19");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("rejected the credentials"),
        "{}",
        stderr(&out)
    );
}

/// A one-route HTTP server on a loopback port: `answer(request head lower-cased, body)`
/// gives the status line and the JSON or XML body. Returns its endpoint.
fn fake_http(
    answer: impl Fn(&[String], &str) -> (&'static str, String) + Send + 'static,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_ascii_lowercase());
            }
            let length = head
                .iter()
                .find_map(|l| l.strip_prefix("content-length: "))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            let mut body = vec![0u8; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let (status, reply) = answer(&head, &String::from_utf8_lossy(&body));
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            );
        }
    });
    endpoint
}

/// A stand-in for STS AssumeRole: when called for `role_arn` with a request signed by
/// `source_key`, answers a session of the IAM server's role `reader`; else 403.
fn fake_sts(role_arn: String, source_key: &'static str) -> String {
    let key = server_var("FLOWLOG_TEST_S3_AUTH_ROLE_KEY_ID");
    let secret = server_var("FLOWLOG_TEST_S3_AUTH_ROLE_SECRET");
    let token = server_var("FLOWLOG_TEST_S3_AUTH_ROLE_TOKEN");
    fake_http(move |head, body| {
        let signed_by_source = head.iter().any(|l| {
            l.starts_with("authorization:")
                && l.contains(&format!("credential={}/", source_key.to_ascii_lowercase()))
        });
        let decoded = body.replace("%3A", ":").replace("%2F", "/");
        if signed_by_source
            && decoded.contains("Action=AssumeRole")
            && decoded.contains(&format!("RoleArn={role_arn}"))
        {
            (
                "200 OK",
                format!(
                    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>\
                     <Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>\
                     <SessionToken>{token}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
                     <AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:flowlog</AssumedRoleId>\
                     <Arn>arn:aws:sts::123456789012:assumed-role/reader/flowlog</Arn></AssumedRoleUser>\
                     </AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></AssumeRoleResponse>"
                ),
            )
        } else {
            (
                "403 Forbidden",
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>r2</RequestId></ErrorResponse>".to_string(),
            )
        }
    })
}

/// A stand-in for the SSO portal's GetRoleCredentials: answers the analyst's keys when
/// the bearer token is `token`, 401 otherwise.
fn fake_sso_portal(token: &'static str) -> String {
    let key = server_var("FLOWLOG_TEST_S3_AUTH_KEY_ID");
    let secret = server_var("FLOWLOG_TEST_S3_AUTH_SECRET");
    fake_http(move |head, _| {
        let authorized = head.first().is_some_and(|l| {
            l.starts_with("get /federation/credentials")
                && l.contains("role_name=flowlogreader")
                && l.contains("account_id=123456789012")
        }) && head
            .iter()
            .any(|l| l == &format!("x-amz-sso_bearer_token: {token}"));
        if authorized {
            (
                "200 OK",
                format!(
                    "{{\"roleCredentials\":{{\"accessKeyId\":\"{key}\",\"secretAccessKey\":\"{secret}\",\"expiration\":4102444800000}}}}"
                ),
            )
        } else {
            (
                "401 Unauthorized",
                "{\"message\":\"Session token not found or invalid\"}".to_string(),
            )
        }
    })
}

/// `~/.aws/config` with an SSO profile, and the token `aws sso login` would have cached
/// (the file name is the SHA-1 of the session name `my-sso`).
fn sso_home(home: &Path, expires_at: &str) {
    write(
        &home.join(".aws/config"),
        "[profile sso-analyst]\nsso_session = my-sso\nsso_account_id = 123456789012\n\
         sso_role_name = FlowlogReader\nregion = us-east-1\n\n\
         [sso-session my-sso]\nsso_region = us-east-1\nsso_start_url = https://example.invalid/start\n",
    );
    write(
        &home.join(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"),
        &format!(
            "{{\"accessToken\": \"cached-sso-token\", \"expiresAt\": \"{expires_at}\", \
             \"region\": \"us-east-1\", \"startUrl\": \"https://example.invalid/start\"}}"
        ),
    );
}

#[test]
fn an_sso_profile_uses_the_cached_token() {
    let home = tempfile::tempdir().unwrap();
    sso_home(home.path(), "2099-01-01T00:00:00Z");
    let portal = fake_sso_portal("cached-sso-token");
    let out = run_auth(
        home.path(),
        &[("AWS_ENDPOINT_URL_SSO", &portal)],
        &["--profile", "sso-analyst"],
        "2026/11/19",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"53\"\n");
}

#[test]
fn an_expired_sso_token_says_to_log_in_again() {
    let home = tempfile::tempdir().unwrap();
    sso_home(home.path(), "2020-01-01T00:00:00Z");
    let portal = fake_sso_portal("cached-sso-token");
    let out = run_auth(
        home.path(),
        &[("AWS_ENDPOINT_URL_SSO", &portal)],
        &["--profile", "sso-analyst"],
        "2026/11/19",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("aws sso login --profile sso-analyst"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}
