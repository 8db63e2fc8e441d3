//! AWS credentials and region from the AWS SDK's standard provider chain, for object_store.
//!
//! The chain is the one the AWS CLI uses, in its order:
//!
//! ```text
//! environment (AWS_ACCESS_KEY_ID, …) ─► shared config/credentials files (AWS_PROFILE / --profile):
//!     static keys │ SSO (after `aws sso login`) │ role_arn + source_profile │ credential_process
//! ─► web identity token ─► ECS container credentials ─► EC2 instance metadata
//! ```
//!
//! [`SdkCredentials`] hands the chain's credentials to object_store and fetches new ones
//! shortly before they expire, so a long scan outlives a one-hour SSO or role session.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use object_store::CredentialProvider;
use object_store::aws::AwsCredential;

use super::s3::S3Options;

/// Credentials are renewed this long before they expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Load the SDK's configuration (region, credential chain) for these options.
///
/// Nothing is fetched yet: credentials are resolved on first use.
pub(crate) async fn load_sdk_config(options: &S3Options) -> SdkConfig {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(options.connect_timeout)
        .operation_timeout(options.request_timeout)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .timeout_config(timeouts);
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &options.region {
        loader = loader.region(Region::new(region.clone()));
    }
    loader.load().await
}

/// The SDK's credential chain as an object_store [`CredentialProvider`], cached until
/// shortly before expiry.
#[derive(Debug)]
pub(crate) struct SdkCredentials {
    provider: SharedCredentialsProvider,
    profile: Option<String>,
    cached: tokio::sync::Mutex<Option<(Arc<AwsCredential>, Option<SystemTime>)>>,
}

impl SdkCredentials {
    pub(crate) fn new(provider: SharedCredentialsProvider, profile: Option<String>) -> Self {
        Self {
            provider,
            profile,
            cached: tokio::sync::Mutex::new(None),
        }
    }
}

#[async_trait]
impl CredentialProvider for SdkCredentials {
    type Credential = AwsCredential;

    async fn get_credential(&self) -> object_store::Result<Arc<AwsCredential>> {
        let mut cached = self.cached.lock().await;
        if let Some((credential, expiry)) = cached.as_ref() {
            let fresh = expiry.is_none_or(|e| e > SystemTime::now() + REFRESH_MARGIN);
            if fresh {
                return Ok(Arc::clone(credential));
            }
            log::debug!("AWS credentials expire soon; fetching new ones");
        }
        let credentials = self.provider.provide_credentials().await.map_err(|e| {
            object_store::Error::Unauthenticated {
                path: String::new(),
                source: Box::new(CredentialsProblem(explain_credentials_error(
                    &e,
                    self.profile.as_deref(),
                ))),
            }
        })?;
        let credential = Arc::new(AwsCredential {
            key_id: credentials.access_key_id().to_string(),
            secret_key: credentials.secret_access_key().to_string(),
            token: credentials.session_token().map(str::to_string),
        });
        *cached = Some((Arc::clone(&credential), credentials.expiry()));
        Ok(credential)
    }
}

/// Why no credentials could be had, and what to do.
#[derive(Debug)]
pub(crate) struct CredentialsProblem(pub(crate) String);

impl std::fmt::Display for CredentialsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CredentialsProblem {}

/// One line: what went wrong with the chain, and what to do about it.
fn explain_credentials_error(err: &CredentialsError, profile: Option<&str>) -> String {
    let profile_hint = match profile {
        Some(p) => format!("profile {p}"),
        None => "the default profile (or AWS_PROFILE)".to_string(),
    };
    let mut chain = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        let text = e.to_string();
        if !chain.iter().any(|c: &String| c.contains(&text)) {
            chain.push(text);
        }
        source = e.source();
    }
    let detail = chain.join(": ");
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = detail.to_ascii_lowercase();
    let what_to_do = if matches!(err, CredentialsError::CredentialsNotLoaded(_)) {
        format!(
            "no AWS credentials found for {profile_hint} (environment, config and credentials files, SSO, web identity, container or instance role); \
             run `aws sso login`, choose a profile with --profile, or use --no-sign-request for a public bucket"
        )
    } else if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        format!(
            "the SSO session of {profile_hint} is missing or expired; run `aws sso login{}` and try again",
            profile
                .map(|p| format!(" --profile {p}"))
                .unwrap_or_default()
        )
    } else if lower.contains("expired") {
        format!("the AWS credentials of {profile_hint} have expired; renew them and try again")
    } else {
        format!(
            "cannot get AWS credentials for {profile_hint}; check its settings in ~/.aws/config and ~/.aws/credentials"
        )
    };
    format!("{what_to_do} ({detail})")
}
