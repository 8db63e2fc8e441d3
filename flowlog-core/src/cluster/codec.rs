//! [`FlowLogCodec`]: the physical extension codec of the client, the scheduler and the
//! executors.
//!
//! Ballista takes one physical extension codec, and a codec given to it replaces
//! Ballista's own rather than wrapping it; so this codec encodes flowlog's plan nodes
//! ([`RowPositionExec`], [`ReconciledScanExec`]) and hands every other node (the shuffle
//! readers and writers the scheduler adds) to [`BallistaPhysicalExtensionCodec`]. Its
//! own nodes start with [`MAGIC`], which no protobuf message can start with (the low
//! three bits of `F`, 6, are not a protobuf wire type), so decoding tells them apart
//! from Ballista's without a wrapper message. Functions go through
//! [`FunctionCodec`](super::functions).

use std::sync::Arc;

use ballista_core::serde::BallistaPhysicalExtensionCodec;
use datafusion::common::{DataFusionError, Result};
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::physical_plan::ExecutionPlan;
use datafusion_proto::physical_plan::{PhysicalExtensionCodec, PhysicalProtoConverterExtension};

use super::ClusterError;
use super::functions::{FunctionCodec, FunctionState};
use super::scan::ReconciledScanExec;
use crate::session::row_position::RowPositionExec;

/// The first bytes of every node this codec encodes itself.
const MAGIC: &[u8; 4] = b"FLWG";

/// The node after [`MAGIC`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Node {
    RowPosition = 1,
    ReconciledScan = 2,
}

impl Node {
    fn of(byte: u8) -> Option<Self> {
        match byte {
            1 => Some(Self::RowPosition),
            2 => Some(Self::ReconciledScan),
            _ => None,
        }
    }
}

/// flowlog's physical extension codec (see the module docs).
#[derive(Debug)]
pub struct FlowLogCodec {
    ballista: BallistaPhysicalExtensionCodec,
    functions: FunctionCodec,
}

impl FlowLogCodec {
    /// A codec whose functions default to `state` (the client's session zone and pinned
    /// instant); a scheduler or executor passes the default and learns states from the
    /// plans it decodes.
    pub fn new(state: FunctionState) -> Self {
        Self {
            ballista: BallistaPhysicalExtensionCodec::default(),
            functions: FunctionCodec::new(state),
        }
    }
}

impl Default for FlowLogCodec {
    fn default() -> Self {
        Self::new(FunctionState::default())
    }
}

fn single_input(inputs: &[Arc<dyn ExecutionPlan>], node: &str) -> Result<Arc<dyn ExecutionPlan>> {
    match inputs {
        [input] => Ok(Arc::clone(input)),
        _ => Err(DataFusionError::Internal(format!(
            "{node} has {} inputs on the wire, not 1",
            inputs.len()
        ))),
    }
}

impl PhysicalExtensionCodec for FlowLogCodec {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[Arc<dyn ExecutionPlan>],
        ctx: &TaskContext,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let Some(rest) = buf.strip_prefix(MAGIC.as_slice()) else {
            return self.ballista.try_decode(buf, inputs, ctx, proto_converter);
        };
        match rest.first().copied().and_then(Node::of) {
            Some(Node::RowPosition) => Ok(Arc::new(RowPositionExec::new(single_input(
                inputs,
                "RowPositionExec",
            )?))),
            Some(Node::ReconciledScan) => Ok(Arc::new(ReconciledScanExec::new(single_input(
                inputs,
                "ReconciledScanExec",
            )?))),
            None => Err(DataFusionError::Internal(format!(
                "unknown flowlog plan node {:?}; are the client and the cluster the same flowlog version?",
                rest.first()
            ))),
        }
    }

    fn try_encode(
        &self,
        node: Arc<dyn ExecutionPlan>,
        buf: &mut Vec<u8>,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> Result<()> {
        let ours = if node.downcast_ref::<RowPositionExec>().is_some() {
            Some(Node::RowPosition)
        } else if node.downcast_ref::<ReconciledScanExec>().is_some() {
            Some(Node::ReconciledScan)
        } else {
            None
        };
        if let Some(ours) = ours {
            buf.extend_from_slice(MAGIC);
            buf.push(ours as u8);
            return Ok(());
        }
        // A file scan datafusion-proto could not serialise itself: flowlog's text source.
        if let Some(scan) = node.downcast_ref::<DataSourceExec>()
            && let Some(config) = scan.data_source().downcast_ref::<FileScanConfig>()
        {
            return Err(DataFusionError::External(Box::new(
                ClusterError::ScanNotSendable {
                    format: config.file_source().file_type().to_string(),
                },
            )));
        }
        self.ballista
            .try_encode(Arc::clone(&node), buf, proto_converter)
            .map_err(|_| {
                DataFusionError::External(Box::new(ClusterError::NodeNotSendable {
                    node: node.name().to_string(),
                }))
            })
    }

    fn try_decode_udf(&self, name: &str, buf: &[u8]) -> Result<Arc<ScalarUDF>> {
        self.functions.decode_scalar(name, buf)
    }

    fn try_encode_udf(&self, node: &ScalarUDF, buf: &mut Vec<u8>) -> Result<()> {
        self.functions.encode_scalar(node, buf)
    }

    fn try_decode_udaf(&self, name: &str, buf: &[u8]) -> Result<Arc<AggregateUDF>> {
        self.functions.decode_aggregate(name, buf)
    }

    fn try_encode_udaf(&self, node: &AggregateUDF, buf: &mut Vec<u8>) -> Result<()> {
        self.functions.encode_aggregate(node, buf)
    }
}
