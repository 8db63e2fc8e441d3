//! What a local copy of an `AWSLogs` tree holds: its accounts, regions and dates, from a
//! walk of its directories down to the day (objects are never listed).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use object_store::path::Path;

use crate::layout::{Level, Naming, detect_naming, parse_segment};
use crate::storage::ResolvedLocation;

/// The most directories one inventory lists; a bigger tree is summarised from what was
/// seen (and says so).
const MAX_LISTINGS: usize = 5_000;

/// The accounts, regions and dates under one location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogInventory {
    /// The location as the table names it.
    pub location: String,
    /// The `AWSLogs` directories found, as local paths.
    pub roots: Vec<String>,
    /// The accounts held.
    pub accounts: Vec<String>,
    /// The regions held.
    pub regions: Vec<String>,
    /// The first day held.
    pub first_date: Option<NaiveDate>,
    /// The last day held.
    pub last_date: Option<NaiveDate>,
    /// How many distinct days are held.
    pub days: usize,
    /// Whether the walk stopped early, so the lists may be incomplete.
    pub truncated: bool,
}

/// The part of a location template that holds the whole tree: up to and including
/// `AWSLogs` when it appears, else up to the last `/` before the first placeholder.
pub(super) fn template_root(template: &str) -> String {
    let fixed = template.split("${").next().unwrap_or(template);
    if let Some(at) = fixed.find("/AWSLogs/") {
        return fixed[..at + "/AWSLogs".len()].to_string();
    }
    match fixed.rfind('/') {
        Some(at) => fixed[..at].to_string(),
        None => fixed.to_string(),
    }
}

/// Walks the `AWSLogs` trees at or below `root`; `None` when there is none, or it holds
/// no account directory.
pub(super) async fn take(root: &ResolvedLocation) -> Option<LogInventory> {
    let trees = crate::table::discover::find_aws_logs(root, true)
        .await
        .ok()?;
    let mut walk = Walk {
        root,
        listings: 0,
        truncated: false,
    };
    let mut accounts = BTreeSet::new();
    let mut regions = BTreeSet::new();
    let mut dates = BTreeSet::new();
    for tree in &trees {
        for (account_dir, naming) in walk.children(tree, None, Level::Account).await {
            let Ok(account) = parse_segment(naming, Level::Account, last(&account_dir)) else {
                continue;
            };
            accounts.insert(account);
            let service = match naming {
                Naming::Default => "vpcflowlogs",
                Naming::Hive => "aws-service=vpcflowlogs",
            };
            let service_dir = account_dir.clone().join(service);
            for (region_dir, _) in walk
                .children(&service_dir, Some(naming), Level::Region)
                .await
            {
                if let Ok(region) = parse_segment(naming, Level::Region, last(&region_dir)) {
                    regions.insert(region);
                }
                for (year_dir, _) in walk.children(&region_dir, Some(naming), Level::Year).await {
                    let year = value(naming, Level::Year, &year_dir);
                    for (month_dir, _) in walk.children(&year_dir, Some(naming), Level::Month).await
                    {
                        let month = value(naming, Level::Month, &month_dir);
                        for (day_dir, _) in
                            walk.children(&month_dir, Some(naming), Level::Day).await
                        {
                            let day = value(naming, Level::Day, &day_dir);
                            if let (Some(y), Some(m), Some(d)) = (year, month, day)
                                && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
                            {
                                dates.insert(date);
                            }
                        }
                    }
                }
            }
        }
    }
    if accounts.is_empty() {
        return None;
    }
    Some(LogInventory {
        location: root.original.clone(),
        roots: trees
            .iter()
            .map(|t| crate::table::listing::display_key(root, t.as_ref()))
            .collect(),
        accounts: accounts.into_iter().collect(),
        regions: regions.into_iter().collect(),
        first_date: dates.first().copied(),
        last_date: dates.last().copied(),
        days: dates.len(),
        truncated: walk.truncated,
    })
}

/// The number a date directory stands for (`2026`, `month=11`, …).
fn value(naming: Naming, level: Level, dir: &Path) -> Option<u32> {
    parse_segment(naming, level, last(dir)).ok()?.parse().ok()
}

fn last(dir: &Path) -> &str {
    dir.filename().unwrap_or_default()
}

/// A bounded walk: listings are counted and stop at [`MAX_LISTINGS`].
struct Walk<'a> {
    root: &'a ResolvedLocation,
    listings: usize,
    truncated: bool,
}

impl Walk<'_> {
    /// The subdirectories of `dir` that parse at `level`, with the naming they use
    /// (detected from the account directory when `naming` is not known yet).
    async fn children(
        &mut self,
        dir: &Path,
        naming: Option<Naming>,
        level: Level,
    ) -> Vec<(Path, Naming)> {
        if self.listings >= MAX_LISTINGS {
            self.truncated = true;
            return Vec::new();
        }
        self.listings += 1;
        let Ok(listing) = self.root.store.list_with_delimiter(Some(dir)).await else {
            return Vec::new();
        };
        let mut out: Vec<(Path, Naming)> = listing
            .common_prefixes
            .into_iter()
            .filter_map(|p| {
                let seg = p.filename().unwrap_or_default();
                let naming = naming.unwrap_or_else(|| detect_naming(seg));
                parse_segment(naming, level, seg)
                    .is_ok()
                    .then(|| (p.clone(), naming))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::template_root;

    #[test]
    fn template_root_stops_at_aws_logs_or_the_first_placeholder() {
        assert_eq!(
            template_root("s3://b/AWSLogs/${account}/vpcflowlogs/${region}/${date}"),
            "s3://b/AWSLogs"
        );
        assert_eq!(
            template_root("s3://b/exports/vpc/AWSLogs/111111111111/vpcflowlogs/${date}"),
            "s3://b/exports/vpc/AWSLogs"
        );
        assert_eq!(template_root("s3://b/logs/${date}/"), "s3://b/logs");
    }
}
