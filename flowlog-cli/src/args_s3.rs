//! The flags that say how `s3://` locations are reached — shared by every command that
//! reads S3 (`query`, `shell`, `ui`, `report`, `sync`, `cluster executor`), so they are
//! spelled, documented and defaulted (from config.toml and `FLOWLOG_*`) the same way.

use clap::Args;
use flowlog_core::storage::S3Options;

use crate::settings;

/// Region, credentials and endpoint for `s3://` locations.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "S3")]
pub(crate) struct S3Args {
    /// AWS region of the buckets read directly on S3 (default: the profile's, AWS_REGION,
    /// or the bucket's own region).
    #[arg(long = "region", value_name = "REGION", value_parser = settings::region)]
    pub(crate) region: Option<String>,

    /// Profile of ~/.aws/config and ~/.aws/credentials to take credentials and region from
    /// (static keys, SSO after `aws sso login`, role_arn + source_profile, …); default AWS_PROFILE.
    #[arg(long = "profile", value_name = "NAME")]
    pub(crate) profile: Option<String>,

    /// An S3-compatible endpoint to read s3:// locations from, e.g. http://127.0.0.1:9000.
    #[arg(long = "endpoint-url", value_name = "URL", value_parser = settings::endpoint_url)]
    pub(crate) endpoint_url: Option<String>,

    /// Send unsigned requests (public buckets): no credentials are looked up.
    #[arg(long = "no-sign-request", conflicts_with = "profile")]
    pub(crate) no_sign_request: bool,
}

impl S3Args {
    /// The core's S3 options for these flags.
    pub(crate) fn options(&self) -> S3Options {
        S3Options {
            region: self.region.clone(),
            profile: self.profile.clone(),
            endpoint: self.endpoint_url.clone(),
            no_sign_request: self.no_sign_request,
            ..S3Options::default()
        }
    }
}
