//! flowlog's functions on the wire.
//!
//! datafusion-proto sends a function call by name and, when the codec gives one, a
//! definition. The name alone would not do on an executor: flowlog's date and time
//! functions hold the session zone (`SET TIME ZONE`) and the instant `--now` pins, so an
//! executor's own copy would answer in UTC at the executor's clock; the integer
//! arithmetic rewrite makes functions during planning (`checked_chain` with its
//! operators); and where flowlog replaces a DataFusion function of the same name, the
//! name is ambiguous. So every function is sent with a [`ScalarWire`] / [`AggregateWire`]
//! saying which catalog holds it: DataFusion's own, or flowlog's for one
//! [`FunctionState`] (zone and pinned instant).
//!
//! Before a function is sent, its definition is decoded back and compared with the
//! function; one that would not come back identical is refused with
//! [`ClusterError::FunctionNotSendable`](super::ClusterError::FunctionNotSendable)
//! instead of answering differently on the cluster.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Utc};
use datafusion::common::{DataFusionError, Result};
use datafusion::execution::SessionStateBuilder;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use serde::{Deserialize, Serialize};

use super::ClusterError;
use crate::functions;
use crate::functions::arithmetic::checked::{CheckedArithmetic, Op};
use crate::functions::arithmetic::checked_chain::CheckedChain;
use crate::time::TrinoZone;

/// The session state flowlog's functions depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FunctionState {
    /// The session time zone.
    pub zone: TrinoZone,
    /// The instant `--now` pins `current_timestamp` and its kin to, if any.
    pub now: Option<DateTime<Utc>>,
}

impl Default for FunctionState {
    fn default() -> Self {
        Self {
            zone: TrinoZone::Utc,
            now: None,
        }
    }
}

/// Where a scalar function is found again on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum ScalarWire {
    /// DataFusion's own function of this name.
    DataFusion,
    /// flowlog's function of this name for this state.
    Flowlog(StateWire),
    /// Checked integer arithmetic over these operators (one: `checked_add` and its kin;
    /// several: `checked_chain`).
    Checked(Vec<OpWire>),
}

/// Where an aggregate function is found again on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum AggregateWire {
    /// DataFusion's own aggregate of this name.
    DataFusion,
    /// flowlog's aggregate of this name.
    Flowlog,
}

/// [`FunctionState`] as sent: the zone's Trino id and the pinned instant as seconds and
/// nanoseconds since the epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StateWire {
    zone: String,
    now: Option<(i64, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum OpWire {
    Add,
    Subtract,
    Multiply,
}

impl From<Op> for OpWire {
    fn from(op: Op) -> Self {
        match op {
            Op::Add => OpWire::Add,
            Op::Subtract => OpWire::Subtract,
            Op::Multiply => OpWire::Multiply,
        }
    }
}

impl From<OpWire> for Op {
    fn from(op: OpWire) -> Self {
        match op {
            OpWire::Add => Op::Add,
            OpWire::Subtract => Op::Subtract,
            OpWire::Multiply => Op::Multiply,
        }
    }
}

impl From<FunctionState> for StateWire {
    fn from(state: FunctionState) -> Self {
        Self {
            zone: state.zone.id().to_string(),
            now: state
                .now
                .map(|t| (t.timestamp(), t.timestamp_subsec_nanos())),
        }
    }
}

impl StateWire {
    fn state(&self) -> Result<FunctionState> {
        let zone = TrinoZone::parse(&self.zone)
            .map_err(|e| DataFusionError::Internal(format!("a function's session zone: {e}")))?;
        let now = match self.now {
            Some((secs, nanos)) => {
                Some(DateTime::from_timestamp(secs, nanos).ok_or_else(|| {
                    DataFusionError::Internal(format!("a pinned instant out of range: {secs}s"))
                })?)
            }
            None => None,
        };
        Ok(FunctionState { zone, now })
    }
}

/// The functions of one catalog, by name and alias.
#[derive(Debug, Default)]
struct Catalog {
    scalars: HashMap<String, Arc<ScalarUDF>>,
    aggregates: HashMap<String, Arc<AggregateUDF>>,
}

impl Catalog {
    fn add_scalar(&mut self, f: Arc<ScalarUDF>) {
        for alias in f.aliases() {
            self.scalars.insert(alias.clone(), Arc::clone(&f));
        }
        self.scalars.insert(f.name().to_string(), f);
    }

    fn add_aggregate(&mut self, f: Arc<AggregateUDF>) {
        for alias in f.aliases() {
            self.aggregates.insert(alias.clone(), Arc::clone(&f));
        }
        self.aggregates.insert(f.name().to_string(), f);
    }

    /// flowlog's functions as a session in `state` registers them.
    fn flowlog(state: FunctionState) -> Self {
        let mut catalog = Self::default();
        for f in functions::scalar_functions(state.zone) {
            catalog.add_scalar(f);
        }
        catalog.add_scalar(functions::arithmetic::operator_chain::udf());
        if let Some(now) = state.now {
            for f in functions::datetime::current::functions(state.zone) {
                catalog.add_scalar(Arc::new(ScalarUDF::new_from_impl(f.pinned_at(now))));
            }
        }
        for f in functions::aggregate_functions() {
            catalog.add_aggregate(f);
        }
        catalog
    }

    /// DataFusion's own functions.
    fn datafusion() -> Self {
        let state = SessionStateBuilder::new().with_default_features().build();
        Self {
            scalars: state.scalar_functions().clone(),
            aggregates: state.aggregate_functions().clone(),
        }
    }
}

static DATAFUSION: LazyLock<Catalog> = LazyLock::new(Catalog::datafusion);

/// How many session states' catalogs are kept (a scheduler serves many sessions).
const CACHED_STATES: usize = 32;

/// Encodes and decodes function calls, remembering the catalogs of the session states it
/// has seen (the client's, and on the scheduler those of the plans it decoded, so that
/// the stages it sends on find their functions' states again).
#[derive(Debug)]
pub(crate) struct FunctionCodec {
    /// Most recently used last.
    catalogs: Mutex<Vec<(FunctionState, Arc<Catalog>)>>,
}

impl FunctionCodec {
    /// A codec that knows `state` (and UTC without a pinned instant).
    pub(crate) fn new(state: FunctionState) -> Self {
        let codec = Self {
            catalogs: Mutex::new(Vec::new()),
        };
        codec.catalog(FunctionState::default());
        codec.catalog(state);
        codec
    }

    /// The catalog of `state`, built on first use; marks it most recently used.
    fn catalog(&self, state: FunctionState) -> Arc<Catalog> {
        let mut catalogs = match self.catalogs.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(i) = catalogs.iter().position(|(s, _)| *s == state) {
            let entry = catalogs.remove(i);
            let catalog = Arc::clone(&entry.1);
            catalogs.push(entry);
            return catalog;
        }
        let catalog = Arc::new(Catalog::flowlog(state));
        if catalogs.len() >= CACHED_STATES {
            catalogs.remove(0);
        }
        catalogs.push((state, Arc::clone(&catalog)));
        catalog
    }

    /// The known states, most recently used first.
    fn known(&self) -> Vec<(FunctionState, Arc<Catalog>)> {
        let catalogs = match self.catalogs.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        catalogs.iter().rev().cloned().collect()
    }

    /// Where `udf` is found again.
    fn locate_scalar(&self, udf: &ScalarUDF) -> Option<ScalarWire> {
        if let Some(chain) = udf.inner().downcast_ref::<CheckedChain>() {
            return Some(ScalarWire::Checked(
                chain.ops().iter().map(|op| OpWire::from(*op)).collect(),
            ));
        }
        if let Some(single) = udf.inner().downcast_ref::<CheckedArithmetic>() {
            return Some(ScalarWire::Checked(vec![single.op().into()]));
        }
        let name = udf.name();
        for (state, catalog) in self.known() {
            if catalog.scalars.get(name).is_some_and(|f| f.as_ref() == udf) {
                return Some(ScalarWire::Flowlog(state.into()));
            }
        }
        DATAFUSION
            .scalars
            .get(name)
            .is_some_and(|f| f.as_ref() == udf)
            .then_some(ScalarWire::DataFusion)
    }

    fn scalar(&self, name: &str, wire: &ScalarWire) -> Result<Arc<ScalarUDF>> {
        let found = match wire {
            ScalarWire::DataFusion => DATAFUSION.scalars.get(name).cloned(),
            ScalarWire::Flowlog(state) => self.catalog(state.state()?).scalars.get(name).cloned(),
            ScalarWire::Checked(ops) => Some(Arc::new(match ops.as_slice() {
                [op] => ScalarUDF::new_from_impl(CheckedArithmetic::new((*op).into())),
                ops => ScalarUDF::new_from_impl(CheckedChain::new(
                    ops.iter().map(|op| Op::from(*op)).collect(),
                )),
            })),
        };
        found.ok_or_else(|| {
            DataFusionError::Internal(format!(
                "function {name} is not known here ({wire:?}); are the client and the cluster the same flowlog version?"
            ))
        })
    }

    /// Encode `udf` into `buf`; refuses a function that would not decode identical.
    pub(crate) fn encode_scalar(&self, udf: &ScalarUDF, buf: &mut Vec<u8>) -> Result<()> {
        let refused = || {
            DataFusionError::External(Box::new(ClusterError::FunctionNotSendable {
                name: udf.name().to_string(),
            }))
        };
        let wire = self.locate_scalar(udf).ok_or_else(refused)?;
        if self.scalar(udf.name(), &wire)?.as_ref() != udf {
            return Err(refused());
        }
        serde_json::to_writer(buf, &wire).map_err(|e| DataFusionError::External(Box::new(e)))
    }

    /// Decode the function `name` that [`Self::encode_scalar`] wrote into `buf`.
    pub(crate) fn decode_scalar(&self, name: &str, buf: &[u8]) -> Result<Arc<ScalarUDF>> {
        let wire: ScalarWire =
            serde_json::from_slice(buf).map_err(|e| DataFusionError::External(Box::new(e)))?;
        self.scalar(name, &wire)
    }

    /// Encode `udaf` into `buf`; refuses an aggregate that would not decode identical.
    pub(crate) fn encode_aggregate(&self, udaf: &AggregateUDF, buf: &mut Vec<u8>) -> Result<()> {
        let name = udaf.name();
        let refused = || {
            DataFusionError::External(Box::new(ClusterError::FunctionNotSendable {
                name: name.to_string(),
            }))
        };
        let flowlog = self.catalog(FunctionState::default());
        let wire = if flowlog
            .aggregates
            .get(name)
            .is_some_and(|f| f.as_ref() == udaf)
        {
            AggregateWire::Flowlog
        } else if DATAFUSION
            .aggregates
            .get(name)
            .is_some_and(|f| f.as_ref() == udaf)
        {
            AggregateWire::DataFusion
        } else {
            return Err(refused());
        };
        serde_json::to_writer(buf, &wire).map_err(|e| DataFusionError::External(Box::new(e)))
    }

    /// Decode the aggregate `name` that [`Self::encode_aggregate`] wrote into `buf`.
    pub(crate) fn decode_aggregate(&self, name: &str, buf: &[u8]) -> Result<Arc<AggregateUDF>> {
        let wire: AggregateWire =
            serde_json::from_slice(buf).map_err(|e| DataFusionError::External(Box::new(e)))?;
        let found = match wire {
            AggregateWire::DataFusion => DATAFUSION.aggregates.get(name).cloned(),
            AggregateWire::Flowlog => self
                .catalog(FunctionState::default())
                .aggregates
                .get(name)
                .cloned(),
        };
        found.ok_or_else(|| {
            DataFusionError::Internal(format!(
                "aggregate {name} is not known here; are the client and the cluster the same flowlog version?"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokyo() -> FunctionState {
        FunctionState {
            zone: TrinoZone::parse("Asia/Tokyo").unwrap(),
            now: DateTime::from_timestamp(1_700_000_000, 123_456_789),
        }
    }

    #[test]
    fn every_flowlog_scalar_comes_back_identical_with_its_zone() {
        let sender = FunctionCodec::new(tokyo());
        let receiver = FunctionCodec::new(FunctionState::default());
        for f in Catalog::flowlog(tokyo()).scalars.values() {
            let mut buf = Vec::new();
            sender.encode_scalar(f, &mut buf).unwrap();
            let back = receiver.decode_scalar(f.name(), &buf).unwrap();
            assert!(
                back.as_ref() == f.as_ref(),
                "{} changed on the wire",
                f.name()
            );
        }
    }

    #[test]
    fn every_flowlog_and_datafusion_aggregate_comes_back_identical() {
        let codec = FunctionCodec::new(FunctionState::default());
        let all = Catalog::flowlog(FunctionState::default()).aggregates;
        for f in all.values().chain(DATAFUSION.aggregates.values()) {
            let mut buf = Vec::new();
            codec.encode_aggregate(f, &mut buf).unwrap();
            let back = codec.decode_aggregate(f.name(), &buf).unwrap();
            assert!(
                back.as_ref() == f.as_ref(),
                "{} changed on the wire",
                f.name()
            );
        }
    }

    #[test]
    fn checked_chains_keep_their_operators() {
        let codec = FunctionCodec::new(FunctionState::default());
        let chain = ScalarUDF::new_from_impl(CheckedChain::new(vec![Op::Add, Op::Multiply]));
        let mut buf = Vec::new();
        codec.encode_scalar(&chain, &mut buf).unwrap();
        assert!(codec.decode_scalar(chain.name(), &buf).unwrap().as_ref() == &chain);
    }

    #[test]
    fn a_pinned_now_in_tokyo_survives_the_scheduler_re_encoding() {
        // The scheduler decodes with a codec that never saw the client's state, then
        // encodes the stage again for the executors.
        let client = FunctionCodec::new(tokyo());
        let scheduler = FunctionCodec::new(FunctionState::default());
        let pinned = Catalog::flowlog(tokyo()).scalars["current_timestamp"].clone();
        let mut buf = Vec::new();
        client.encode_scalar(&pinned, &mut buf).unwrap();
        let decoded = scheduler.decode_scalar("current_timestamp", &buf).unwrap();
        let mut again = Vec::new();
        scheduler.encode_scalar(&decoded, &mut again).unwrap();
        let executor = FunctionCodec::new(FunctionState::default());
        let last = executor.decode_scalar("current_timestamp", &again).unwrap();
        assert!(last.as_ref() == pinned.as_ref());
    }
}
