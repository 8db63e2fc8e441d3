//! The four sample buckets and the S3 keys AWS writes for each delivery layout.
//!
//! ```text
//! daily        <prefix>AWSLogs/<acct>/vpcflowlogs/<region>/yyyy/MM/dd/<file>
//! hourly       <prefix>AWSLogs/<acct>/vpcflowlogs/<region>/yyyy/MM/dd/HH/<file>
//! hive         <prefix>AWSLogs/aws-account-id=<acct>/aws-service=vpcflowlogs/aws-region=<region>/year=yyyy/month=MM/day=dd/<file>
//! hive-hourly  <prefix>AWSLogs/aws-account-id=<acct>/aws-service=vpcflowlogs/aws-region=<region>/year=yyyy/month=MM/day=dd/hour=HH/<file>
//! <file>     = <acct>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.parquet
//! ```
//! The date/hour directories and the file-name timestamp are those of the file's 5-minute
//! delivery window, in UTC (`flowlogs-facts.md` §2.1, §2.2).

use chrono::{DateTime, Utc};

use crate::fields::ColumnSet;

/// The directory layout of a flow log's S3 destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `…/yyyy/MM/dd/` (the default).
    Daily,
    /// `…/yyyy/MM/dd/HH/` (`PerHourPartition`).
    Hourly,
    /// `…/year=yyyy/month=MM/day=dd/` (`HiveCompatiblePartitions`).
    Hive,
    /// `…/year=yyyy/month=MM/day=dd/hour=HH/` (both options).
    HiveHourly,
}

/// One sample bucket: a flow-log destination with its layout and file column set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// The bucket name (the top directory under `testdata/s3/`).
    pub name: &'static str,
    /// The optional key prefix before `AWSLogs/` (empty or ending with `/`).
    pub prefix: &'static str,
    /// The directory layout.
    pub layout: Layout,
    /// The columns of its Parquet files.
    pub columns: ColumnSet,
}

/// The four sample buckets.
pub const BUCKETS: [Bucket; 4] = [
    Bucket {
        name: "flowlog-sample-daily",
        prefix: "",
        layout: Layout::Daily,
        columns: ColumnSet::V5TableOrder,
    },
    Bucket {
        name: "flowlog-sample-hourly",
        prefix: "",
        layout: Layout::Hourly,
        columns: ColumnSet::DefaultV2,
    },
    Bucket {
        name: "flowlog-sample-hive",
        prefix: "",
        layout: Layout::Hive,
        columns: ColumnSet::V5TableOrder,
    },
    Bucket {
        name: "flowlog-sample-hive-hourly",
        prefix: "exports/vpc/",
        layout: Layout::HiveHourly,
        columns: ColumnSet::V5Alphabetical,
    },
];

impl Bucket {
    /// The key of the directory (ending with `/`) holding the files of a delivery window.
    pub fn directory(&self, account: &str, region: &str, window: DateTime<Utc>) -> String {
        let prefix = self.prefix;
        match self.layout {
            Layout::Daily => format!(
                "{prefix}AWSLogs/{account}/vpcflowlogs/{region}/{}/",
                window.format("%Y/%m/%d")
            ),
            Layout::Hourly => format!(
                "{prefix}AWSLogs/{account}/vpcflowlogs/{region}/{}/",
                window.format("%Y/%m/%d/%H")
            ),
            Layout::Hive => format!(
                "{prefix}AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/{}/",
                window.format("year=%Y/month=%m/day=%d")
            ),
            Layout::HiveHourly => format!(
                "{prefix}AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/{}/",
                window.format("year=%Y/month=%m/day=%d/hour=%H")
            ),
        }
    }
}

/// The object name AWS gives a Parquet log file.
pub fn file_name(
    account: &str,
    region: &str,
    flow_log_id: &str,
    window: DateTime<Utc>,
    hash: u32,
) -> String {
    format!(
        "{account}_vpcflowlogs_{region}_{flow_log_id}_{}_{hash:08x}.log.parquet",
        window.format("%Y%m%dT%H%MZ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid test date")
    }

    fn bucket(name: &str) -> Bucket {
        *BUCKETS
            .iter()
            .find(|b| b.name == name)
            .expect("bucket exists")
    }

    #[test]
    fn file_name_follows_the_aws_example() {
        // AWS: 123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz
        // (Parquet objects end in .log.parquet instead of .log.gz).
        assert_eq!(
            file_name(
                "123456789012",
                "us-east-1",
                "fl-1234abcd",
                at(2018, 6, 20, 16, 20),
                0xfe12_3456
            ),
            "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.parquet"
        );
        assert_eq!(
            file_name("1", "r", "fl-x", at(2026, 1, 2, 3, 5), 0xab),
            "1_vpcflowlogs_r_fl-x_20260102T0305Z_000000ab.log.parquet"
        );
    }

    #[test]
    fn directories_per_layout() {
        let w = at(2026, 11, 19, 5, 55);
        assert_eq!(
            bucket("flowlog-sample-daily").directory("111111111111", "ap-northeast-1", w),
            "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/"
        );
        assert_eq!(
            bucket("flowlog-sample-hourly").directory("111111111111", "ap-northeast-1", w),
            "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/05/"
        );
        assert_eq!(
            bucket("flowlog-sample-hive").directory("222222222222", "ap-northeast-1", w),
            "AWSLogs/aws-account-id=222222222222/aws-service=vpcflowlogs/aws-region=ap-northeast-1/year=2026/month=11/day=19/"
        );
        assert_eq!(
            bucket("flowlog-sample-hive-hourly").directory("222222222222", "ap-northeast-1", w),
            "exports/vpc/AWSLogs/aws-account-id=222222222222/aws-service=vpcflowlogs/aws-region=ap-northeast-1/year=2026/month=11/day=19/hour=05/"
        );
    }

    #[test]
    fn bucket_column_sets() {
        assert_eq!(
            bucket("flowlog-sample-daily").columns,
            ColumnSet::V5TableOrder
        );
        assert_eq!(
            bucket("flowlog-sample-hourly").columns,
            ColumnSet::DefaultV2
        );
        assert_eq!(
            bucket("flowlog-sample-hive").columns,
            ColumnSet::V5TableOrder
        );
        assert_eq!(
            bucket("flowlog-sample-hive-hourly").columns,
            ColumnSet::V5Alphabetical
        );
    }
}
