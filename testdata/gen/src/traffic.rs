//! Synthesis of realistic flow-log records for one interface.
//!
//! Each record is one of a handful of traffic patterns suited to the interface's role (HTTPS from
//! clients and its responses, port scans rejected by a security group, ICMP echo, S3 through a
//! gateway endpoint, database sessions, DNS/NTP over UDP, IPv6 clients, NAT gateway translation,
//! load-balancer forwarding). Values respect the documented constraints: ICMP has ports 0,
//! `tcp-flags` is one of 0, 1, 2, 3, 18, 19 (0 for non-TCP), `bytes` ≥ 40 × `packets` (60 for
//! IPv6, 84 for ICMP echo), `traffic-path` is set on egress only.

use crate::fleet::{Eni, Fleet, Role};
use crate::prng::SplitMix64;
use crate::record::{ABSENT, FlowRecord};

const TCP: i32 = 6;
const UDP: i32 = 17;
const ICMP: i32 = 1;

/// `traffic-path` 1: through another resource in the same VPC.
const PATH_SAME_VPC: i32 = 1;
/// `traffic-path` 7: through a gateway VPC endpoint (Nitro).
const PATH_GATEWAY_ENDPOINT: i32 = 7;
/// `traffic-path` 8: through an internet gateway (Nitro).
const PATH_INTERNET_GATEWAY: i32 = 8;

/// The documentation IPv4 ranges (RFC 5737) used for internet hosts.
const DOC_NETS: [&str; 3] = ["203.0.113", "198.51.100", "192.0.2"];

/// A flow before it is turned into a record.
#[derive(Debug, Clone)]
struct Flow {
    src: String,
    dst: String,
    srcport: i32,
    dstport: i32,
    protocol: i32,
    packets: i64,
    bytes: i64,
    action: &'static str,
    tcp_flags: i32,
    ipv6: bool,
    pkt_src: Option<String>,
    pkt_dst: Option<String>,
    src_service: &'static str,
    dst_service: &'static str,
    egress: bool,
    traffic_path: Option<i32>,
}

impl Flow {
    fn new(src: String, dst: String, srcport: i32, dstport: i32, protocol: i32) -> Self {
        Self {
            src,
            dst,
            srcport,
            dstport,
            protocol,
            packets: 1,
            bytes: 40,
            action: "ACCEPT",
            tcp_flags: 0,
            ipv6: false,
            pkt_src: None,
            pkt_dst: None,
            src_service: ABSENT,
            dst_service: ABSENT,
            egress: false,
            traffic_path: None,
        }
    }

    fn volume(mut self, rng: &mut SplitMix64, packets: (i64, i64), avg: (i64, i64)) -> Self {
        let min_size = match (self.protocol, self.ipv6) {
            (ICMP, _) => 84,
            (_, true) => 60,
            _ => 40,
        };
        let p = rng.range(packets.0, packets.1);
        let size = rng.range(avg.0.max(min_size), avg.1.max(min_size));
        self.packets = p;
        self.bytes = p * size + rng.range(0, p - 1);
        self
    }

    fn flags(mut self, rng: &mut SplitMix64, choices: &[i32; 5]) -> Self {
        self.tcp_flags = *rng.pick(choices);
        self
    }

    fn egress(mut self, path: i32) -> Self {
        self.egress = true;
        self.traffic_path = Some(path);
        self
    }

    fn reject(mut self) -> Self {
        self.action = "REJECT";
        self
    }
}

fn ephemeral(rng: &mut SplitMix64) -> i32 {
    // Linux (32768-60999) and Windows (49152-65535) ephemeral ranges together.
    rng.range(32_768, 65_535) as i32
}

fn internet_host(rng: &mut SplitMix64) -> String {
    format!("{}.{}", rng.pick(&DOC_NETS), rng.range(1, 254))
}

fn aws_host(rng: &mut SplitMix64, prefixes: &[&'static str; 2]) -> String {
    let prefix = rng.pick(prefixes);
    match prefix.matches('.').count() {
        1 => format!("{prefix}.{}.{}", rng.range(0, 255), rng.range(1, 254)),
        _ => format!("{prefix}.{}", rng.range(1, 254)),
    }
}

fn ipv6_client(rng: &mut SplitMix64) -> String {
    format!(
        "2001:db8:ffff:{:x}:{:x}:{:x}:{:x}:{:x}",
        rng.below(0x1_0000),
        rng.below(0x1_0000),
        rng.below(0x1_0000),
        rng.below(0x1_0000),
        rng.range(1, 0xffff)
    )
}

/// The path egress traffic from `eni` to the internet takes.
fn internet_path(eni: &Eni) -> i32 {
    if eni.public {
        PATH_INTERNET_GATEWAY
    } else {
        PATH_SAME_VPC
    }
}

fn https_from_client(rng: &mut SplitMix64, eni: &Eni) -> Flow {
    let port = *rng.pick(&[443, 443, 443, 80, 443]);
    Flow::new(
        internet_host(rng),
        eni.ipv4.clone(),
        ephemeral(rng),
        port,
        TCP,
    )
    .volume(rng, (4, 60), (60, 420))
    .flags(rng, &[3, 3, 2, 1, 0])
}

fn https_response(rng: &mut SplitMix64, eni: &Eni) -> Flow {
    Flow::new(
        eni.ipv4.clone(),
        internet_host(rng),
        443,
        ephemeral(rng),
        TCP,
    )
    .volume(rng, (4, 90), (300, 1400))
    .flags(rng, &[19, 19, 18, 1, 0])
    .egress(internet_path(eni))
}

fn port_scan(rng: &mut SplitMix64, eni: &Eni) -> Flow {
    let port = *rng.pick(&[22, 3389, 23, 445, 1433]);
    let mut flow = Flow::new(
        internet_host(rng),
        eni.ipv4.clone(),
        ephemeral(rng),
        port,
        TCP,
    )
    .reject();
    flow.tcp_flags = 2;
    flow.volume(rng, (1, 3), (40, 60))
}

fn icmp_echo(rng: &mut SplitMix64, eni: &Eni) -> Flow {
    let flow =
        Flow::new(internet_host(rng), eni.ipv4.clone(), 0, 0, ICMP).volume(rng, (1, 8), (84, 84));
    if rng.chance(30) { flow.reject() } else { flow }
}

fn s3_request(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let mut flow = Flow::new(
        eni.ipv4.clone(),
        aws_host(rng, &fleet.s3_prefixes),
        ephemeral(rng),
        443,
        TCP,
    )
    .volume(rng, (6, 240), (120, 1400))
    .flags(rng, &[3, 3, 2, 1, 0])
    .egress(PATH_GATEWAY_ENDPOINT);
    flow.dst_service = "S3";
    flow
}

fn s3_response(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let mut flow = Flow::new(
        aws_host(rng, &fleet.s3_prefixes),
        eni.ipv4.clone(),
        443,
        ephemeral(rng),
        TCP,
    )
    .volume(rng, (6, 300), (200, 1400))
    .flags(rng, &[19, 19, 18, 1, 0]);
    flow.src_service = "S3";
    flow
}

fn database_client(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let db = fleet
        .first(Role::Database)
        .map_or_else(|| internet_host(rng), |d| d.ipv4.clone());
    Flow::new(eni.ipv4.clone(), db, ephemeral(rng), 5432, TCP)
        .volume(rng, (4, 50), (60, 600))
        .flags(rng, &[3, 2, 1, 0, 3])
        .egress(PATH_SAME_VPC)
}

fn database_server(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let client = fleet
        .first(Role::Web)
        .map_or_else(|| internet_host(rng), |w| w.ipv4.clone());
    if rng.chance(50) {
        Flow::new(client, eni.ipv4.clone(), ephemeral(rng), 5432, TCP)
            .volume(rng, (4, 60), (60, 400))
            .flags(rng, &[3, 2, 1, 0, 3])
    } else {
        Flow::new(eni.ipv4.clone(), client, 5432, ephemeral(rng), TCP)
            .volume(rng, (4, 80), (200, 1400))
            .flags(rng, &[19, 18, 1, 0, 19])
            .egress(PATH_SAME_VPC)
    }
}

fn database_denied(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let client = fleet
        .first(Role::Batch)
        .map_or_else(|| internet_host(rng), |b| b.ipv4.clone());
    let mut flow = Flow::new(client, eni.ipv4.clone(), ephemeral(rng), 3306, TCP).reject();
    flow.tcp_flags = 2;
    flow.volume(rng, (1, 4), (40, 60))
}

fn udp_service(rng: &mut SplitMix64, eni: &Eni) -> Flow {
    let (port, dst) = if rng.chance(60) {
        (53, format!("{}.53", rng.pick(&DOC_NETS)))
    } else {
        (123, format!("{}.123", rng.pick(&DOC_NETS)))
    };
    Flow::new(eni.ipv4.clone(), dst, ephemeral(rng), port, UDP)
        .volume(rng, (1, 4), (60, 120))
        .egress(internet_path(eni))
}

fn aws_api_call(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let mut flow = Flow::new(
        eni.ipv4.clone(),
        aws_host(rng, &fleet.ec2_prefixes),
        ephemeral(rng),
        443,
        TCP,
    )
    .volume(rng, (5, 40), (80, 900))
    .flags(rng, &[3, 3, 2, 1, 0])
    .egress(internet_path(eni));
    flow.dst_service = "EC2";
    flow
}

fn ipv6_web(rng: &mut SplitMix64, eni: &Eni, v6: &str) -> Flow {
    let mut flow = if rng.chance(60) {
        let port = *rng.pick(&[443, 443, 22, 443, 80]);
        let f = Flow::new(ipv6_client(rng), v6.to_string(), ephemeral(rng), port, TCP);
        if port == 22 {
            let mut f = f.reject();
            f.tcp_flags = 2;
            f
        } else {
            f.flags(rng, &[3, 3, 2, 1, 0])
        }
    } else {
        Flow::new(v6.to_string(), ipv6_client(rng), 443, ephemeral(rng), TCP)
            .flags(rng, &[19, 19, 18, 1, 0])
            .egress(internet_path(eni))
    };
    flow.ipv6 = true;
    if flow.action == "REJECT" {
        flow.volume(rng, (1, 3), (60, 80))
    } else {
        flow.volume(rng, (4, 70), (90, 1200))
    }
}

fn nat_translation(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let inside = fleet
        .first(Role::Batch)
        .map_or_else(|| eni.ipv4.clone(), |b| b.ipv4.clone());
    let remote = aws_host(rng, &fleet.ec2_prefixes);
    let port = ephemeral(rng);
    match rng.below(3) {
        // The instance's packets arriving at the NAT gateway, addressed to the internet host.
        0 => {
            let mut f = Flow::new(inside, eni.ipv4.clone(), port, 443, TCP)
                .volume(rng, (5, 40), (80, 900))
                .flags(rng, &[3, 3, 2, 1, 0]);
            f.pkt_dst = Some(remote);
            f.dst_service = "EC2";
            f
        }
        // The translated packets leaving for the internet host.
        1 => {
            let mut f = Flow::new(eni.ipv4.clone(), remote, port, 443, TCP)
                .volume(rng, (5, 40), (80, 900))
                .flags(rng, &[3, 3, 2, 1, 0])
                .egress(PATH_INTERNET_GATEWAY);
            f.dst_service = "EC2";
            f
        }
        // The response arriving from the internet host.
        _ => {
            let mut f = Flow::new(remote, eni.ipv4.clone(), 443, port, TCP)
                .volume(rng, (5, 60), (200, 1400))
                .flags(rng, &[19, 19, 18, 1, 0]);
            f.src_service = "EC2";
            f
        }
    }
}

fn load_balancer(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    if rng.chance(60) {
        https_from_client(rng, eni)
    } else {
        let target = fleet
            .first(Role::Web)
            .map_or_else(|| eni.ipv4.clone(), |w| w.ipv4.clone());
        Flow::new(eni.ipv4.clone(), target, ephemeral(rng), 8080, TCP)
            .volume(rng, (4, 60), (60, 420))
            .flags(rng, &[3, 3, 2, 1, 0])
            .egress(PATH_SAME_VPC)
    }
}

fn choose_flow(rng: &mut SplitMix64, fleet: &Fleet, eni: &Eni) -> Flow {
    let roll = rng.below(100);
    match eni.role {
        Role::Web => match (roll, &eni.ipv6) {
            (0..=13, Some(v6)) => ipv6_web(rng, eni, v6),
            (0..=34, _) => https_from_client(rng, eni),
            (35..=54, _) => https_response(rng, eni),
            (55..=66, _) => port_scan(rng, eni),
            (67..=74, _) => icmp_echo(rng, eni),
            (75..=84, _) => s3_request(rng, fleet, eni),
            (85..=92, _) => database_client(rng, fleet, eni),
            _ => udp_service(rng, eni),
        },
        Role::Database => match roll {
            0..=59 => database_server(rng, fleet, eni),
            60..=74 => s3_request(rng, fleet, eni),
            75..=84 => s3_response(rng, fleet, eni),
            _ => database_denied(rng, fleet, eni),
        },
        Role::Batch => match roll {
            0..=29 => s3_request(rng, fleet, eni),
            30..=49 => s3_response(rng, fleet, eni),
            50..=74 => aws_api_call(rng, fleet, eni),
            _ => udp_service(rng, eni),
        },
        Role::NatGateway => nat_translation(rng, fleet, eni),
        Role::LoadBalancer => load_balancer(rng, fleet, eni),
    }
}

/// A record of traffic seen by `eni` between `start` and `end`, status `OK`.
pub fn traffic_record(
    rng: &mut SplitMix64,
    fleet: &Fleet,
    eni: &Eni,
    version: i32,
    start: i64,
    end: i64,
) -> FlowRecord {
    let flow = choose_flow(rng, fleet, eni);
    let tcp_flags = if flow.protocol == TCP {
        flow.tcp_flags
    } else {
        0
    };
    FlowRecord {
        version,
        account_id: eni.account_id.clone(),
        interface_id: eni.interface_id.clone(),
        pkt_srcaddr: flow.pkt_src.clone().unwrap_or_else(|| flow.src.clone()),
        pkt_dstaddr: flow.pkt_dst.clone().unwrap_or_else(|| flow.dst.clone()),
        srcaddr: flow.src,
        dstaddr: flow.dst,
        srcport: Some(flow.srcport),
        dstport: Some(flow.dstport),
        protocol: Some(flow.protocol),
        packets: Some(flow.packets),
        bytes: Some(flow.bytes),
        start,
        end,
        action: flow.action.to_string(),
        log_status: "OK".to_string(),
        vpc_id: fleet.vpc_id.clone(),
        subnet_id: eni.subnet_id.clone(),
        instance_id: eni.instance_id.clone(),
        tcp_flags: Some(tcp_flags),
        flow_type: if flow.ipv6 { "IPv6" } else { "IPv4" }.to_string(),
        region: fleet.region.to_string(),
        az_id: eni.az_id.to_string(),
        sublocation_type: ABSENT.to_string(),
        sublocation_id: ABSENT.to_string(),
        pkt_src_aws_service: flow.src_service.to_string(),
        pkt_dst_aws_service: flow.dst_service.to_string(),
        flow_direction: if flow.egress { "egress" } else { "ingress" }.to_string(),
        traffic_path: if flow.egress { flow.traffic_path } else { None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::fleet;

    fn many_records() -> Vec<FlowRecord> {
        let mut out = Vec::new();
        for (account, region) in [
            ("111111111111", "ap-northeast-1"),
            ("222222222222", "ap-northeast-1"),
            ("222222222222", "us-east-1"),
        ] {
            let f = fleet(account, region).expect("fleet");
            let mut rng = SplitMix64::from_label(&format!("traffic-test/{account}/{region}"));
            for eni in &f.enis {
                for i in 0..400 {
                    out.push(traffic_record(&mut rng, &f, eni, 5, 1000 + i, 1060 + i));
                }
            }
        }
        out
    }

    #[test]
    fn documented_constraints_hold() {
        for r in many_records() {
            let (Some(proto), Some(packets), Some(bytes), Some(flags)) =
                (r.protocol, r.packets, r.bytes, r.tcp_flags)
            else {
                panic!("OK record with a NULL: {r:?}");
            };
            assert!([1, 6, 17].contains(&proto), "{r:?}");
            assert!(packets >= 1 && bytes >= 40 * packets, "{r:?}");
            assert!([0, 1, 2, 3, 18, 19].contains(&flags), "{r:?}");
            if proto != 6 {
                assert_eq!(flags, 0, "{r:?}");
            }
            if proto == 1 {
                assert_eq!((r.srcport, r.dstport), (Some(0), Some(0)), "{r:?}");
            }
            assert!(["ACCEPT", "REJECT"].contains(&r.action.as_str()));
            assert_eq!(r.log_status, "OK");
            match r.flow_direction.as_str() {
                "egress" => assert!(matches!(r.traffic_path, Some(1..=8)), "{r:?}"),
                "ingress" => assert_eq!(r.traffic_path, None, "{r:?}"),
                other => panic!("direction {other}"),
            }
            match r.flow_type.as_str() {
                "IPv6" => {
                    assert!(r.srcaddr.contains(':') && r.dstaddr.contains(':'));
                    assert!(bytes >= 60 * packets);
                }
                "IPv4" => assert!(!r.srcaddr.contains(':') && !r.dstaddr.contains(':')),
                other => panic!("type {other}"),
            }
            assert!(r.srcaddr != r.dstaddr, "{r:?}");
            assert_eq!(r.sublocation_type, "-");
        }
    }

    #[test]
    fn every_pattern_occurs() {
        let rs = many_records();
        let has = |pred: &dyn Fn(&FlowRecord) -> bool| rs.iter().any(pred);
        assert!(has(&|r| r.protocol == Some(1)));
        assert!(has(&|r| r.protocol == Some(17)));
        assert!(has(&|r| r.action == "REJECT"));
        assert!(has(&|r| r.flow_type == "IPv6"));
        assert!(has(&|r| r.account_id == "unknown"));
        assert!(has(&|r| r.instance_id == "-"));
        assert!(has(
            &|r| r.pkt_srcaddr != r.srcaddr || r.pkt_dstaddr != r.dstaddr
        ));
        assert!(has(&|r| r.pkt_dst_aws_service == "S3"));
        assert!(has(&|r| r.pkt_src_aws_service == "S3"));
        for flags in [0, 1, 2, 3, 18, 19] {
            assert!(has(&|r| r.tcp_flags == Some(flags)), "{flags}");
        }
        for path in [1, 7, 8] {
            assert!(has(&|r| r.traffic_path == Some(path)), "{path}");
        }
    }
}
