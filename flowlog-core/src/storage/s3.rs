//! Reading `s3://` locations directly, through object_store's AWS store.
//!
//! One store per bucket, created on first use: the SDK configuration (region, credential
//! chain) is loaded then, so building a session never touches the network.
//!
//! ```text
//! s3://bucket/AWSLogs/…  ──►  S3Store (bucket) ──► AmazonS3 (region, endpoint, credentials)
//!                               │ errors become one line naming s3://bucket/key and what to do
//! ```
//!
//! Requests are bounded: a connect timeout, a per-request timeout, and a limited number
//! of retries with exponential backoff (throttling, 5xx, dropped connections).

use std::time::Duration;

/// How `s3://` locations without a mirror are read.
///
/// ```
/// use flowlog_core::storage::S3Options;
/// let o = S3Options { endpoint: Some("http://127.0.0.1:9000".into()), ..S3Options::default() };
/// assert!(o.allows_http());
/// assert!(!S3Options::default().allows_http());
/// ```
#[derive(Debug, Clone)]
pub struct S3Options {
    /// The region (`--region`); else the profile's or `AWS_REGION`; else the bucket's own
    /// region is asked of S3.
    pub region: Option<String>,
    /// The shared-config profile (`--profile`); else `AWS_PROFILE`; else `default`.
    pub profile: Option<String>,
    /// An S3-compatible endpoint (`--endpoint-url`), addressed path-style.
    pub endpoint: Option<String>,
    /// Send unsigned requests, for public buckets (`--no-sign-request`).
    pub no_sign_request: bool,
    /// Use these keys instead of the provider chain (for embedding; the CLI uses the chain).
    pub static_credentials: Option<StaticCredentials>,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one request.
    pub request_timeout: Duration,
    /// Retries of a failed request (throttling, 5xx, connection errors), with backoff.
    pub max_retries: usize,
    /// No retry starts after this long since the first attempt.
    pub retry_timeout: Duration,
}

/// An access key, with a session token for temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct StaticCredentials {
    /// `AWS_ACCESS_KEY_ID`.
    pub key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_key: String,
    /// `AWS_SESSION_TOKEN`.
    pub token: Option<String>,
}

impl std::fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticCredentials")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl Default for S3Options {
    fn default() -> Self {
        Self {
            region: None,
            profile: None,
            endpoint: None,
            no_sign_request: false,
            static_credentials: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            max_retries: 5,
            retry_timeout: Duration::from_secs(60),
        }
    }
}

impl S3Options {
    /// Whether the endpoint is plain `http://` (a local S3-compatible server).
    pub fn allows_http(&self) -> bool {
        self.endpoint
            .as_deref()
            .is_some_and(|e| e.starts_with("http://"))
    }
}

/// A one-line explanation of an S3 failure: it names `s3://bucket/key` and says what to do.
#[derive(Debug)]
pub(crate) struct S3Problem(pub(crate) String);

impl std::fmt::Display for S3Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for S3Problem {}

/// The message of a store error: the S3 explanation alone when there is one.
pub(crate) fn store_message(err: &object_store::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(p) = e.downcast_ref::<S3Problem>() {
            return p.0.clone();
        }
        source = e.source();
    }
    err.to_string()
}

#[cfg(feature = "aws")]
pub use store::{S3Store, build_store};

#[cfg(feature = "aws")]
mod store {
    use std::fmt;
    use std::ops::Range;
    use std::sync::Arc;

    use async_trait::async_trait;
    use futures::stream::BoxStream;
    use futures::{StreamExt, TryStreamExt};
    use object_store::aws::{AmazonS3Builder, AwsCredential};
    use object_store::path::Path;
    use object_store::{
        BackoffConfig, ClientOptions, CopyOptions, GetOptions, GetResult, ListResult,
        MultipartUpload, ObjectMeta, ObjectStore, PutMultipartOptions, PutOptions, PutPayload,
        PutResult, RetryConfig, StaticCredentialProvider,
    };
    use tokio::sync::OnceCell;

    use super::{S3Options, S3Problem};
    use crate::storage::credentials::{CredentialsProblem, SdkCredentials, load_sdk_config};

    /// The store for one bucket: object_store's `AmazonS3`, built on first use, with
    /// every error turned into one line naming `s3://bucket/key` and what to do.
    #[derive(Debug, Clone)]
    pub struct S3Store {
        shared: Arc<Shared>,
    }

    #[derive(Debug)]
    struct Shared {
        bucket: String,
        options: S3Options,
        inner: OnceCell<Arc<dyn ObjectStore>>,
    }

    /// The store for `bucket` with these options (nothing is sent until it is used).
    pub fn build_store(bucket: &str, options: &S3Options) -> Arc<dyn ObjectStore> {
        Arc::new(S3Store {
            shared: Arc::new(Shared {
                bucket: bucket.to_string(),
                options: options.clone(),
                inner: OnceCell::new(),
            }),
        })
    }

    impl Shared {
        async fn store(&self) -> object_store::Result<&Arc<dyn ObjectStore>> {
            self.inner.get_or_try_init(|| self.connect()).await
        }

        async fn connect(&self) -> object_store::Result<Arc<dyn ObjectStore>> {
            let o = &self.options;
            let client = ClientOptions::new()
                .with_allow_http(o.allows_http())
                .with_connect_timeout(o.connect_timeout)
                .with_timeout(o.request_timeout);
            let retry = RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: o.max_retries,
                retry_timeout: o.retry_timeout,
            };
            let mut builder = AmazonS3Builder::new()
                .with_bucket_name(&self.bucket)
                .with_retry(retry)
                .with_client_options(client.clone());
            if let Some(endpoint) = &o.endpoint {
                builder = builder.with_endpoint(endpoint.trim_end_matches('/'));
            }
            let mut region = o.region.clone();
            if o.no_sign_request {
                builder = builder.with_skip_signature(true);
            } else if let Some(keys) = &o.static_credentials {
                builder = builder.with_credentials(Arc::new(StaticCredentialProvider::new(
                    AwsCredential {
                        key_id: keys.key_id.clone(),
                        secret_key: keys.secret_key.clone(),
                        token: keys.token.clone(),
                    },
                )));
            } else {
                let sdk = load_sdk_config(o).await;
                if region.is_none() {
                    region = sdk.region().map(|r| r.to_string());
                }
                let provider = sdk.credentials_provider().ok_or_else(|| {
                    self.error(
                        "",
                        Problem::Credentials(
                            "no AWS credential provider is configured; run `aws sso login`, choose a profile with --profile, or use --no-sign-request for a public bucket".into(),
                        ),
                    )
                })?;
                builder = builder
                    .with_credentials(Arc::new(SdkCredentials::new(provider, o.profile.clone())));
            }
            let region = match (region, &o.endpoint) {
                (Some(r), _) => r,
                (None, Some(_)) => "us-east-1".to_string(),
                (None, None) => {
                    // Follow the bucket to its region, as the AWS CLI does.
                    object_store::aws::resolve_bucket_region(&self.bucket, &client)
                        .await
                        .map_err(|e| self.explain("", e))?
                }
            };
            log::debug!("s3://{}: region {region}", self.bucket);
            let store = builder
                .with_region(region)
                .build()
                .map_err(|e| self.explain("", e))?;
            Ok(Arc::new(store))
        }

        fn url(&self, key: &str) -> String {
            format!("s3://{}/{}", self.bucket, key)
        }

        fn error(&self, key: &str, problem: Problem) -> object_store::Error {
            let path = self.url(key);
            let problem_at = |m: String| Box::new(S3Problem(format!("{path}: {m}")));
            match problem {
                Problem::Missing(m) => object_store::Error::NotFound {
                    source: problem_at(m),
                    path,
                },
                Problem::Denied(m) => object_store::Error::PermissionDenied {
                    source: problem_at(m),
                    path,
                },
                Problem::Credentials(m) => object_store::Error::Unauthenticated {
                    source: problem_at(m),
                    path,
                },
                Problem::Other(m) => object_store::Error::Generic {
                    store: "S3",
                    source: problem_at(m),
                },
            }
        }

        /// Turn an object_store error into one line that names the bucket and key and
        /// says what to do.
        fn explain(&self, key: &str, err: object_store::Error) -> object_store::Error {
            let detail = error_text(&err);
            let lower = detail.to_ascii_lowercase();
            let region = self.options.region.as_deref().unwrap_or("(not set)");
            let endpoint = self
                .options
                .endpoint
                .clone()
                .unwrap_or_else(|| "AWS S3".to_string());
            let problem = if detail.contains("NoSuchBucket") {
                Problem::Other(format!(
                    "bucket {} does not exist at {endpoint} (NoSuchBucket); check the bucket name in the DDL or --logs, and --endpoint-url",
                    self.bucket
                ))
            } else if let Some(p) = find_credentials_problem(&err) {
                Problem::Credentials(p)
            } else if [
                "InvalidAccessKeyId",
                "SignatureDoesNotMatch",
                "ExpiredToken",
                "InvalidToken",
                "TokenRefreshRequired",
            ]
            .iter()
            .any(|c| detail.contains(c))
            {
                Problem::Credentials(format!(
                    "S3 rejected the credentials ({}); renew them (`aws sso login`) or choose another --profile",
                    aws_code(&detail).unwrap_or("unauthenticated")
                ))
            } else if matches!(err, object_store::Error::PermissionDenied { .. })
                || detail.contains("AccessDenied")
            {
                Problem::Denied(format!(
                    "access denied (AccessDenied); the credentials in use may not read this key: check the IAM policy and the bucket policy allow s3:ListBucket and s3:GetObject here, or choose another --profile{}",
                    if self.options.no_sign_request {
                        " (requests are unsigned because of --no-sign-request)"
                    } else {
                        ""
                    }
                ))
            } else if detail.contains("PermanentRedirect")
                || detail.contains("AuthorizationHeaderMalformed")
                || lower.contains("incorrectly configured region")
                || lower.contains("status 301")
            {
                Problem::Other(format!(
                    "bucket {} is not in region {region}; run with --region set to the bucket's region (`aws s3api get-bucket-location --bucket {}` shows it)",
                    self.bucket, self.bucket
                ))
            } else if matches!(err, object_store::Error::NotFound { .. }) {
                Problem::Missing("no such key".to_string())
            } else if detail.contains("SlowDown") || lower.contains("503") {
                Problem::Other(format!(
                    "S3 is throttling requests (SlowDown) and {} retries with backoff did not get through; try again later or narrow the query's partitions",
                    self.options.max_retries
                ))
            } else if lower.contains("timed out") {
                Problem::Other(format!(
                    "the request to {endpoint} timed out (connect {}s, request {}s, {} retries); check the network and --endpoint-url",
                    self.options.connect_timeout.as_secs(),
                    self.options.request_timeout.as_secs(),
                    self.options.max_retries
                ))
            } else if lower.contains("error sending request")
                || lower.contains("connection")
                || lower.contains("connect")
                || lower.contains("dns")
                || lower.contains("retry_timeout")
            {
                Problem::Other(format!(
                    "cannot reach {endpoint} (gave up after {} retries with backoff): {}; check that it is up and --endpoint-url",
                    self.options.max_retries,
                    shorten(&detail)
                ))
            } else {
                Problem::Other(shorten(&detail))
            };
            self.error(key, problem)
        }
    }

    enum Problem {
        Missing(String),
        Denied(String),
        Credentials(String),
        Other(String),
    }

    fn find_credentials_problem(err: &object_store::Error) -> Option<String> {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = source {
            if let Some(p) = e.downcast_ref::<CredentialsProblem>() {
                return Some(p.0.clone());
            }
            source = e.source();
        }
        None
    }

    /// The error and its sources, on one line.
    fn error_text(err: &object_store::Error) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = source {
            let text = e.to_string();
            if !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            source = e.source();
        }
        parts
            .join(": ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The `<Code>` of an S3 error response, when the message carries it.
    fn aws_code(detail: &str) -> Option<&str> {
        let start = detail.find("<Code>")? + 6;
        let len = detail[start..].find("</Code>")?;
        Some(&detail[start..start + len])
    }

    fn shorten(s: &str) -> String {
        const MAX: usize = 300;
        if s.len() <= MAX {
            return s.to_string();
        }
        let mut end = MAX;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    }

    impl fmt::Display for S3Store {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "S3Store(s3://{})", self.shared.bucket)
        }
    }

    #[async_trait]
    impl ObjectStore for S3Store {
        async fn put_opts(
            &self,
            location: &Path,
            payload: PutPayload,
            opts: PutOptions,
        ) -> object_store::Result<PutResult> {
            let s = &self.shared;
            s.store()
                .await?
                .put_opts(location, payload, opts)
                .await
                .map_err(|e| s.explain(location.as_ref(), e))
        }

        async fn put_multipart_opts(
            &self,
            location: &Path,
            opts: PutMultipartOptions,
        ) -> object_store::Result<Box<dyn MultipartUpload>> {
            let s = &self.shared;
            s.store()
                .await?
                .put_multipart_opts(location, opts)
                .await
                .map_err(|e| s.explain(location.as_ref(), e))
        }

        async fn get_opts(
            &self,
            location: &Path,
            options: GetOptions,
        ) -> object_store::Result<GetResult> {
            let s = &self.shared;
            s.store()
                .await?
                .get_opts(location, options)
                .await
                .map_err(|e| s.explain(location.as_ref(), e))
        }

        async fn get_ranges(
            &self,
            location: &Path,
            ranges: &[Range<u64>],
        ) -> object_store::Result<Vec<bytes::Bytes>> {
            let s = &self.shared;
            s.store()
                .await?
                .get_ranges(location, ranges)
                .await
                .map_err(|e| s.explain(location.as_ref(), e))
        }

        fn delete_stream(
            &self,
            locations: BoxStream<'static, object_store::Result<Path>>,
        ) -> BoxStream<'static, object_store::Result<Path>> {
            let shared = Arc::clone(&self.shared);
            futures::stream::once(async move {
                match shared.store().await {
                    Ok(store) => store.delete_stream(locations),
                    Err(e) => futures::stream::once(async { Err(e) }).boxed(),
                }
            })
            .flatten()
            .boxed()
        }

        fn list(
            &self,
            prefix: Option<&Path>,
        ) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
            let shared = Arc::clone(&self.shared);
            let prefix = prefix.cloned();
            futures::stream::once(async move {
                match shared.store().await {
                    Ok(store) => {
                        let key = prefix.as_ref().map(|p| p.to_string()).unwrap_or_default();
                        let explain = Arc::clone(&shared);
                        store
                            .list(prefix.as_ref())
                            .map_err(move |e| explain.explain(&key, e))
                            .boxed()
                    }
                    Err(e) => futures::stream::once(async { Err(e) }).boxed(),
                }
            })
            .flatten()
            .boxed()
        }

        async fn list_with_delimiter(
            &self,
            prefix: Option<&Path>,
        ) -> object_store::Result<ListResult> {
            let s = &self.shared;
            let key = prefix.map(|p| p.to_string()).unwrap_or_default();
            s.store()
                .await?
                .list_with_delimiter(prefix)
                .await
                .map_err(|e| s.explain(&key, e))
        }

        async fn copy_opts(
            &self,
            from: &Path,
            to: &Path,
            options: CopyOptions,
        ) -> object_store::Result<()> {
            let s = &self.shared;
            s.store()
                .await?
                .copy_opts(from, to, options)
                .await
                .map_err(|e| s.explain(from.as_ref(), e))
        }
    }
}
