//! [`ExecutorStores`]: the object stores of an executor, made on demand.
//!
//! A plan names its stores by URL (`file:///`, `s3://bucket`); the client's stores do not
//! travel with it. An executor reads local paths with its own file system (so the
//! executors must see the same paths as the client: a shared or identical file system)
//! and makes one store per S3 bucket the first time a plan needs it, with flowlog's S3
//! store: the AWS SDK's credential chain of the executor's machine (environment, profile,
//! SSO, instance or pod role) and the executor's `--endpoint-url`, `--region`,
//! `--profile` and `--no-sign-request`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use datafusion::common::{DataFusionError, Result};
use datafusion::execution::object_store::ObjectStoreRegistry;
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use url::Url;

use crate::storage::S3Options;

/// The object-store registry of an executor (see the module docs).
pub struct ExecutorStores {
    s3: S3Options,
    local: Arc<dyn ObjectStore>,
    stores: Mutex<HashMap<String, Arc<dyn ObjectStore>>>,
}

impl std::fmt::Debug for ExecutorStores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecutorStores")
            .field("s3", &self.s3)
            .finish_non_exhaustive()
    }
}

impl ExecutorStores {
    /// A registry whose S3 stores use `s3`.
    pub fn new(s3: S3Options) -> Self {
        Self {
            s3,
            local: Arc::new(LocalFileSystem::new()),
            stores: Mutex::new(HashMap::new()),
        }
    }
}

/// The registry key of `url`: scheme and authority (`s3://bucket`).
fn key(url: &Url) -> String {
    format!(
        "{}://{}",
        url.scheme(),
        &url[url::Position::BeforeHost..url::Position::AfterPort]
    )
}

impl ObjectStoreRegistry for ExecutorStores {
    fn register_store(
        &self,
        url: &Url,
        store: Arc<dyn ObjectStore>,
    ) -> Option<Arc<dyn ObjectStore>> {
        let mut stores = match self.stores.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        stores.insert(key(url), store)
    }

    fn get_store(&self, url: &Url) -> Result<Arc<dyn ObjectStore>> {
        let key = key(url);
        let mut stores = match self.stores.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(store) = stores.get(&key) {
            return Ok(Arc::clone(store));
        }
        let store = match url.scheme() {
            "file" => Arc::clone(&self.local),
            "s3" | "s3a" => s3_store(url, &self.s3)?,
            scheme => {
                return Err(DataFusionError::Execution(format!(
                    "an executor cannot read {scheme}:// locations; use s3:// or a local path"
                )));
            }
        };
        stores.insert(key, Arc::clone(&store));
        Ok(store)
    }
}

#[cfg(feature = "aws")]
fn s3_store(url: &Url, options: &S3Options) -> Result<Arc<dyn ObjectStore>> {
    let bucket = url.host_str().unwrap_or_default();
    Ok(crate::storage::s3::build_store(bucket, options))
}

#[cfg(not(feature = "aws"))]
fn s3_store(url: &Url, _options: &S3Options) -> Result<Arc<dyn ObjectStore>> {
    Err(DataFusionError::Execution(format!(
        "{url}: this executor was built without S3 support (the `aws` feature)"
    )))
}
