//! Why a provisioning description was rejected: every variant names the offending element.

/// A provisioning description (TOML or flags) that cannot be used.
///
/// ```
/// use flowlog_core::provision::ProvisionError;
/// let e = ProvisionError::InvalidAccount { account: "12345".into(), reason: "is not 12 digits".into() };
/// assert_eq!(e.to_string(), "account \"12345\" is not valid: is not 12 digits");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProvisionError {
    /// A log format (`${field} …`) with an element that is not a known field.
    #[error("log format: \"{element}\" at byte {offset}: {reason}")]
    LogFormat {
        /// The offending element as written.
        element: String,
        /// Its byte offset in the format.
        offset: usize,
        /// What is wrong and what to write instead.
        reason: String,
    },

    /// A source account that is not a 12-digit AWS account id.
    #[error("account \"{account}\" is not valid: {reason}")]
    InvalidAccount {
        /// The account as written.
        account: String,
        /// What is wrong.
        reason: String,
    },

    /// A region that is not a known AWS Region code.
    #[error("region \"{region}\" is not valid: {reason}")]
    InvalidRegion {
        /// The region as written.
        region: String,
        /// What is wrong.
        reason: String,
    },

    /// A bucket name that breaks S3's bucket naming rules.
    #[error("bucket \"{bucket}\" is not valid: {reason}")]
    InvalidBucket {
        /// The bucket as written.
        bucket: String,
        /// The rule it breaks.
        reason: String,
    },

    /// A key prefix that flow logs cannot be delivered under.
    #[error("prefix \"{prefix}\" is not valid: {reason}")]
    InvalidPrefix {
        /// The prefix as written.
        prefix: String,
        /// What is wrong.
        reason: String,
    },

    /// A table name that breaks Athena's naming rule.
    #[error("table name \"{name}\" is not valid: {reason}")]
    InvalidTableName {
        /// The name as written.
        name: String,
        /// The rule it breaks.
        reason: String,
    },

    /// A date-range start that is neither `yyyy/MM/dd` nor `NOW-<n><UNIT>`.
    #[error("since \"{value}\" is not valid: {reason}")]
    InvalidSince {
        /// The value as written.
        value: String,
        /// What to write instead.
        reason: String,
    },

    /// A setting of the description that is missing, unknown or malformed.
    #[error("{key}: {reason}")]
    Config {
        /// The TOML key or command-line flag.
        key: String,
        /// What is wrong.
        reason: String,
    },

    /// An existing bucket policy (for `--merge`) that is not a policy document.
    #[error("existing policy: {element}: {reason}")]
    Policy {
        /// The offending element, e.g. `Statement[2]`.
        element: String,
        /// What is wrong.
        reason: String,
    },
}
