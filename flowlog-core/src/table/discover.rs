//! Partitions found by walking directories, level by level, pruning as early as possible,
//! and the probes that find an `AWSLogs` tree and whether it is delivered per hour.
//!
//! For an `AWSLogs` tree the walk is
//!
//! ```text
//! AWSLogs/ ─► <account>/ ─► vpcflowlogs/ ─► <region>/ ─► yyyy/ ─► MM/ ─► dd/ ─► [HH/]
//!             prune on account        prune on region          prune on date   prune on hour
//! ```
//!
//! (or the Hive-compatible `aws-account-id=…/aws-service=vpcflowlogs/aws-region=…/year=…`),
//! so a filter on `account` or `region` stops the walk before the dates below are listed.

use arrow::datatypes::FieldRef;
use datafusion::catalog::Session;
use datafusion::common::ScalarValue;
use futures::{StreamExt, TryStreamExt};
use object_store::path::Path;
use object_store::{ListResult, ObjectMeta};

use super::definition::TableOptions;
use super::listing::{ListedFile, PartitionTarget, list_targets};
use super::prune::PartitionPruner;
use crate::error::{Error, Result};
use crate::layout::{Level, Naming, detect_naming, parse_segment};
use crate::storage::ResolvedLocation;

fn utf8(s: &str) -> ScalarValue {
    ScalarValue::Utf8(Some(s.to_string()))
}

async fn list_dir(root: &ResolvedLocation, dir: &Path) -> Result<ListResult> {
    root.store
        .list_with_delimiter(Some(dir))
        .await
        .map_err(|error| Error::ObjectStore {
            key: super::listing::display_key(root, dir.as_ref()),
            error,
        })
}

/// A directory reached by the walk, with the partition values known so far.
struct Node {
    dir: Path,
    naming: Naming,
    values: Vec<ScalarValue>,
    /// `yyyy`, `MM` while descending to the day.
    date_parts: Vec<String>,
}

/// Keep the candidates the filters allow, given the first `known` partition values.
fn prune(
    session: &dyn Session,
    pruner: &PartitionPruner,
    known: usize,
    nodes: Vec<Node>,
) -> Result<Vec<Node>> {
    if pruner.is_empty() {
        return Ok(nodes);
    }
    let candidates: Vec<Vec<ScalarValue>> = nodes.iter().map(|n| n.values.clone()).collect();
    let keep = pruner.retain(session, known, &candidates)?;
    Ok(nodes
        .into_iter()
        .zip(keep)
        .filter_map(|(n, k)| k.then_some(n))
        .collect())
}

/// Subdirectories of each node that parse at `level`, extended by `extend`. The nodes
/// are listed `concurrency` at a time.
async fn descend(
    root: &ResolvedLocation,
    nodes: Vec<Node>,
    level: Level,
    concurrency: usize,
    mut extend: impl FnMut(&Node, String) -> (Vec<ScalarValue>, Vec<String>),
) -> Result<Vec<Node>> {
    let listings: Vec<(Node, ListResult)> =
        futures::stream::iter(nodes.into_iter().map(|node| async move {
            let listing = list_dir(root, &node.dir).await?;
            Ok::<_, Error>((node, listing))
        }))
        .buffered(concurrency.max(1))
        .try_collect()
        .await?;
    let mut out = Vec::new();
    for (node, listing) in listings {
        for p in listing.common_prefixes {
            let seg = p.filename().unwrap_or_default().to_string();
            match parse_segment(node.naming, level, &seg) {
                Ok(value) => {
                    let (values, date_parts) = extend(&node, value);
                    out.push(Node {
                        dir: p,
                        naming: node.naming,
                        values,
                        date_parts,
                    });
                }
                // Said at the default level: objects under `2026/13/45/` would
                // otherwise vanish from the answer without a word.
                Err(e) => log::warn!("skipping /{p}: not a flow-log directory ({e})"),
            }
        }
    }
    Ok(out)
}

/// Every flow-log object of an `AWSLogs` tree that the filters can match.
pub(super) async fn aws_logs_files(
    session: &dyn Session,
    pruner: &PartitionPruner,
    root: &ResolvedLocation,
    hourly: bool,
    options: &TableOptions,
) -> Result<Vec<ListedFile>> {
    let mut accounts = Vec::new();
    for aws_logs in find_aws_logs(root, options.allow_multiple_roots).await? {
        let listing = list_dir(root, &aws_logs).await?;
        for p in listing.common_prefixes {
            let seg = p.filename().unwrap_or_default().to_string();
            let naming = detect_naming(&seg);
            match parse_segment(naming, Level::Account, &seg) {
                Ok(account) => accounts.push(Node {
                    dir: p,
                    naming,
                    values: vec![utf8(&account)],
                    date_parts: vec![],
                }),
                Err(e) => log::warn!("skipping /{p}: not an account directory ({e})"),
            }
        }
    }
    let accounts = prune(session, pruner, 1, accounts)?;
    // The service directory is fixed: `vpcflowlogs` or `aws-service=vpcflowlogs`.
    let services: Vec<Node> = accounts
        .into_iter()
        .map(|n| {
            let seg = match n.naming {
                Naming::Default => "vpcflowlogs",
                Naming::Hive => "aws-service=vpcflowlogs",
            };
            Node {
                dir: n.dir.clone().join(seg),
                ..n
            }
        })
        .collect();
    let regions = descend(
        root,
        services,
        Level::Region,
        options.list_concurrency,
        |n, v| {
            let mut values = n.values.clone();
            values.push(utf8(&v));
            (values, vec![])
        },
    )
    .await?;
    let regions = prune(session, pruner, 2, regions)?;
    let years = descend(
        root,
        regions,
        Level::Year,
        options.list_concurrency,
        |n, v| (n.values.clone(), vec![v]),
    )
    .await?;
    let months = descend(
        root,
        years,
        Level::Month,
        options.list_concurrency,
        |n, v| {
            let mut parts = n.date_parts.clone();
            parts.push(v);
            (n.values.clone(), parts)
        },
    )
    .await?;
    let days = descend(
        root,
        months,
        Level::Day,
        options.list_concurrency,
        |n, v| {
            let mut values = n.values.clone();
            values.push(utf8(&format!(
                "{}/{}/{}",
                n.date_parts[0], n.date_parts[1], v
            )));
            (values, vec![])
        },
    )
    .await?;
    let days = days.into_iter().filter(real_date).collect();
    let days = prune(session, pruner, 3, days)?;

    let mut files = Vec::new();
    let mut hour_targets = Vec::new();
    for day in days {
        let listing = list_dir(root, &day.dir).await?;
        // Objects directly in the day directory: daily delivery.
        let mut day_values = day.values.clone();
        if hourly {
            day_values.push(ScalarValue::Utf8(None));
        }
        files.extend(keep_objects(root, listing.objects, &day_values));
        for p in listing.common_prefixes {
            let seg = p.filename().unwrap_or_default().to_string();
            if let Ok(hour) = parse_segment(day.naming, Level::Hour, &seg) {
                let mut values = day.values.clone();
                if hourly {
                    values.push(utf8(&hour));
                }
                hour_targets.push(Node {
                    dir: p,
                    naming: day.naming,
                    values,
                    date_parts: vec![],
                });
            } else {
                log::warn!("skipping /{p}: not an hour directory of a flow-log tree");
            }
        }
    }
    let known = if hourly { 4 } else { 3 };
    let hours = prune(session, pruner, known, hour_targets)?;
    let targets = hours
        .into_iter()
        .map(|n| PartitionTarget {
            values: n.values,
            location: ResolvedLocation {
                prefix: n.dir,
                ..root.clone()
            },
        })
        .collect();
    files.extend(list_targets(targets, options.list_concurrency).await?);
    Ok(files)
}

/// Whether a day directory names a day of the calendar (`2026/02/30` does not: each
/// part is in range, the date is not); warns and skips it otherwise.
fn real_date(day: &Node) -> bool {
    let Some(ScalarValue::Utf8(Some(date))) = day.values.get(2) else {
        return true;
    };
    if chrono::NaiveDate::parse_from_str(date, "%Y/%m/%d").is_ok() {
        return true;
    }
    log::warn!("skipping /{}: {date} is not a date", day.dir);
    false
}

/// Objects listed directly in a partition directory, classified like any listing.
fn keep_objects(
    root: &ResolvedLocation,
    objects: Vec<ObjectMeta>,
    values: &[ScalarValue],
) -> Vec<ListedFile> {
    objects
        .into_iter()
        .filter_map(|meta| super::listing::keep_object(root, meta, values))
        .collect()
}

/// Every object under Hive-style `col=value/` directories (a table without projection,
/// as `MSCK REPAIR TABLE` would have registered them).
pub(super) async fn hive_files(
    session: &dyn Session,
    pruner: &PartitionPruner,
    root: &ResolvedLocation,
    columns: &[FieldRef],
    options: &TableOptions,
) -> Result<Vec<ListedFile>> {
    let mut nodes = vec![(root.prefix.clone(), Vec::<ScalarValue>::new())];
    for (i, column) in columns.iter().enumerate() {
        let mut next = Vec::new();
        for (dir, values) in nodes {
            let listing = list_dir(root, &dir).await?;
            for p in listing.common_prefixes {
                let seg = p.filename().unwrap_or_default().to_string();
                let Some(raw) = seg.strip_prefix(&format!("{}=", column.name())) else {
                    continue;
                };
                let Ok(value) = utf8(raw).cast_to(column.data_type()) else {
                    log::warn!(
                        "skipping /{p}: {raw:?} is not a {} value for {}",
                        column.data_type(),
                        column.name()
                    );
                    continue;
                };
                let mut values = values.clone();
                values.push(value);
                next.push((p, values));
            }
        }
        let candidates: Vec<Vec<ScalarValue>> = next.iter().map(|(_, v)| v.clone()).collect();
        let keep = pruner.retain(session, i + 1, &candidates)?;
        nodes = next
            .into_iter()
            .zip(keep)
            .filter_map(|(n, k)| k.then_some(n))
            .collect();
    }
    let targets = nodes
        .into_iter()
        .map(|(dir, values)| PartitionTarget {
            values,
            location: ResolvedLocation {
                prefix: dir,
                ..root.clone()
            },
        })
        .collect();
    list_targets(targets, options.list_concurrency).await
}

/// Find the `AWSLogs` directories at or below `root` (at most three levels down, the
/// shallowest found). More than one is [`Error::MultipleLogRoots`] unless `allow_multiple`.
pub(crate) async fn find_aws_logs(
    root: &ResolvedLocation,
    allow_multiple: bool,
) -> Result<Vec<object_store::path::Path>> {
    let found = find_aws_logs_all(root).await?;
    if found.len() > 1 {
        let roots: Vec<String> = found
            .iter()
            .map(|p| super::listing::display_key(root, p.as_ref()))
            .collect();
        if !allow_multiple {
            return Err(Error::MultipleLogRoots {
                location: root.original.clone(),
                roots,
            });
        }
        log::info!(
            "{}: reading {} AWSLogs trees as one table: {}",
            root.original,
            roots.len(),
            roots.join(", ")
        );
    }
    Ok(found)
}

/// Every `AWSLogs` directory at the shallowest depth (up to three levels below `root`)
/// that has one.
async fn find_aws_logs_all(root: &ResolvedLocation) -> Result<Vec<object_store::path::Path>> {
    if root.prefix.filename() == Some("AWSLogs") {
        return Ok(vec![root.prefix.clone()]);
    }
    let mut found = Vec::new();
    let mut frontier = vec![root.prefix.clone()];
    for _depth in 0..4 {
        let mut next = Vec::new();
        for dir in frontier {
            let listing = list_dir(root, &dir).await?;
            for p in listing.common_prefixes {
                if p.filename() == Some("AWSLogs") {
                    found.push(p);
                } else {
                    next.push(p);
                }
            }
        }
        if !found.is_empty() {
            break;
        }
        frontier = next;
    }
    if found.is_empty() {
        return Err(Error::Location {
            location: root.original.clone(),
            reason: "no AWSLogs directory found here or up to three levels below; point --logs at the directory that holds AWSLogs/".into(),
        });
    }
    Ok(found)
}

/// Whether the tree has hourly partitions: follows the first entry down to a day.
pub(super) async fn probe_hourly(root: &ResolvedLocation, allow_multiple: bool) -> Result<bool> {
    for aws_logs in find_aws_logs(root, allow_multiple).await? {
        // Walk AWSLogs/<account>/<service>/<region>/<year>/<month>/<day>/ using the first valid entry each time.
        let mut dir = aws_logs;
        let mut naming = None;
        let levels = [
            Level::Account,
            Level::Service,
            Level::Region,
            Level::Year,
            Level::Month,
            Level::Day,
        ];
        let mut reached_day = true;
        for level in levels {
            let listing = list_dir(root, &dir).await?;
            let next = listing.common_prefixes.into_iter().find(|p| {
                let seg = p.filename().unwrap_or_default();
                let n = *naming.get_or_insert_with(|| detect_naming(seg));
                parse_segment(n, level, seg).is_ok()
            });
            match next {
                Some(p) => dir = p,
                None => {
                    reached_day = false;
                    break;
                }
            }
        }
        if !reached_day {
            continue;
        }
        let naming = naming.unwrap_or(Naming::Default);
        let listing: Vec<_> = list_dir(root, &dir).await?.common_prefixes;
        return Ok(listing.iter().any(|p| {
            parse_segment(naming, Level::Hour, p.filename().unwrap_or_default()).is_ok()
        }));
    }
    Ok(false)
}
