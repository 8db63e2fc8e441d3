//! The simulated network interfaces (ENIs) of each account and region whose traffic the sample
//! records describe.
//!
//! Identifiers are random but stable (seeded by account and region); the same fleet appears in all
//! four buckets, as if four flow logs of the same VPC delivered to four destinations.

use anyhow::{Result, bail};

use crate::prng::SplitMix64;

/// What an interface belongs to; decides which traffic it sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A web server instance in a public subnet.
    Web,
    /// A database instance in a private subnet.
    Database,
    /// A batch instance in a private subnet (reaches the internet through a NAT gateway).
    Batch,
    /// A NAT gateway (requester-managed: no instance id).
    NatGateway,
    /// A Network Load Balancer node: created by an AWS service, so its records carry
    /// `account-id` `unknown` and no instance id.
    LoadBalancer,
}

/// One network interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eni {
    /// Its role.
    pub role: Role,
    /// `eni-` and 17 hex digits.
    pub interface_id: String,
    /// `i-` and 17 hex digits, or `-` for requester-managed interfaces.
    pub instance_id: String,
    /// The `account-id` its records carry.
    pub account_id: String,
    /// `subnet-` and 17 hex digits.
    pub subnet_id: String,
    /// The AZ id of the subnet, e.g. `apne1-az4`.
    pub az_id: &'static str,
    /// Whether the subnet routes to an internet gateway.
    pub public: bool,
    /// The primary private IPv4 address.
    pub ipv4: String,
    /// An IPv6 address, when the subnet has an IPv6 CIDR.
    pub ipv6: Option<String>,
}

/// The interfaces of one account's VPC in one region, plus the region's AWS address ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fleet {
    /// The owning account.
    pub account: &'static str,
    /// The region.
    pub region: &'static str,
    /// `vpc-` and 17 hex digits.
    pub vpc_id: String,
    /// The interfaces.
    pub enis: Vec<Eni>,
    /// Address prefixes used for S3 endpoints in this region (realistic-looking, synthetic).
    pub s3_prefixes: [&'static str; 2],
    /// Address prefixes used for EC2 public addresses in this region (realistic-looking).
    pub ec2_prefixes: [&'static str; 2],
}

#[derive(Debug, Clone, Copy)]
struct SubnetSpec {
    az_id: &'static str,
    public: bool,
    /// First value of the third octet.
    third_octet: u8,
    /// How many third-octet values the subnet spans (1 for a /24, 16 for a /20).
    third_span: u8,
    /// The /64 prefix (four hextets) of the subnet's IPv6 CIDR, if any.
    ipv6_prefix: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
struct VpcSpec {
    account: &'static str,
    region: &'static str,
    /// The first two octets of the VPC CIDR.
    ipv4_base: &'static str,
    subnets: &'static [SubnetSpec],
    /// Interfaces as (role, index into `subnets`).
    enis: &'static [(Role, usize)],
    s3_prefixes: [&'static str; 2],
    ec2_prefixes: [&'static str; 2],
}

const fn subnet(
    az_id: &'static str,
    public: bool,
    third_octet: u8,
    third_span: u8,
    ipv6_prefix: Option<&'static str>,
) -> SubnetSpec {
    SubnetSpec {
        az_id,
        public,
        third_octet,
        third_span,
        ipv6_prefix,
    }
}

const VPCS: [VpcSpec; 3] = [
    VpcSpec {
        account: "111111111111",
        region: "ap-northeast-1",
        ipv4_base: "10.0",
        subnets: &[
            subnet("apne1-az4", true, 0, 1, Some("2001:db8:1234:1a00")),
            subnet("apne1-az1", true, 1, 1, Some("2001:db8:1234:1a01")),
            subnet("apne1-az4", false, 10, 1, None),
            subnet("apne1-az1", false, 11, 1, None),
        ],
        enis: &[
            (Role::Web, 0),
            (Role::Web, 1),
            (Role::Database, 2),
            (Role::Batch, 3),
            (Role::NatGateway, 0),
            (Role::LoadBalancer, 1),
        ],
        s3_prefixes: ["52.219.68", "52.219.152"],
        ec2_prefixes: ["13.112", "54.64"],
    },
    VpcSpec {
        account: "222222222222",
        region: "ap-northeast-1",
        ipv4_base: "172.31",
        subnets: &[
            subnet("apne1-az4", true, 0, 16, Some("2001:db8:5678:2b00")),
            subnet("apne1-az1", true, 16, 16, None),
            subnet("apne1-az2", false, 32, 16, None),
        ],
        enis: &[
            (Role::Web, 0),
            (Role::Web, 1),
            (Role::Database, 2),
            (Role::Batch, 2),
            (Role::LoadBalancer, 0),
        ],
        s3_prefixes: ["52.219.68", "52.219.152"],
        ec2_prefixes: ["13.112", "54.64"],
    },
    VpcSpec {
        account: "222222222222",
        region: "us-east-1",
        ipv4_base: "172.31",
        subnets: &[
            subnet("use1-az1", true, 0, 16, None),
            subnet("use1-az2", false, 16, 16, None),
            subnet("use1-az4", false, 32, 16, None),
        ],
        enis: &[
            (Role::Web, 0),
            (Role::Batch, 1),
            (Role::Database, 2),
            (Role::NatGateway, 0),
        ],
        s3_prefixes: ["52.216.100", "54.231.200"],
        ec2_prefixes: ["3.80", "54.144"],
    },
];

/// The account id AWS writes for interfaces created by AWS services.
pub const UNKNOWN_ACCOUNT: &str = "unknown";

/// The fleet of `account` in `region`.
pub fn fleet(account: &str, region: &str) -> Result<Fleet> {
    let Some(spec) = VPCS
        .iter()
        .find(|v| v.account == account && v.region == region)
    else {
        bail!("no simulated VPC for account {account} in region {region}");
    };
    build(spec, spec.account)
}

/// The number of VPC shapes [`fleet_like`] can copy.
pub const SHAPES: usize = VPCS.len();

/// A fleet for any `account`, shaped like the sample's VPC number `shape % SHAPES` (its subnets,
/// roles and region) but with identifiers and addresses of its own, seeded by the account. The
/// benchmark data set uses it for accounts the sample does not have.
pub fn fleet_like(account: &'static str, shape: usize) -> Result<Fleet> {
    match VPCS.get(shape % SHAPES) {
        Some(spec) => build(spec, account),
        None => bail!("no VPC shape {shape}"),
    }
}

fn build(spec: &VpcSpec, account: &'static str) -> Result<Fleet> {
    let region = spec.region;
    let mut rng = SplitMix64::from_label(&format!("fleet/{account}/{region}"));
    let vpc_id = format!("vpc-{}", rng.hex(17));
    let subnet_ids: Vec<String> = spec
        .subnets
        .iter()
        .map(|_| format!("subnet-{}", rng.hex(17)))
        .collect();
    let mut enis = Vec::with_capacity(spec.enis.len());
    for &(role, index) in spec.enis {
        let (Some(subnet), Some(subnet_id)) = (spec.subnets.get(index), subnet_ids.get(index))
        else {
            bail!("interface of {account}/{region} refers to missing subnet {index}");
        };
        let third = i64::from(subnet.third_octet)
            + rng.range(0, i64::from(subnet.third_span.saturating_sub(1)));
        let host = rng.range(4, 250);
        let interface_id = format!("eni-{}", rng.hex(17));
        let requester_managed = matches!(role, Role::NatGateway | Role::LoadBalancer);
        let instance_id = if requester_managed {
            "-".to_string()
        } else {
            format!("i-{}", rng.hex(17))
        };
        let ipv6 = subnet.ipv6_prefix.map(|p| {
            format!(
                "{p}:{:x}:{:x}:{:x}:{:x}",
                rng.below(0x1_0000),
                rng.below(0x1_0000),
                rng.below(0x1_0000),
                rng.below(0x1_0000)
            )
        });
        enis.push(Eni {
            role,
            interface_id,
            instance_id,
            account_id: if role == Role::LoadBalancer {
                UNKNOWN_ACCOUNT.to_string()
            } else {
                account.to_string()
            },
            subnet_id: subnet_id.clone(),
            az_id: subnet.az_id,
            public: subnet.public,
            ipv4: format!("{}.{third}.{host}", spec.ipv4_base),
            ipv6: if role == Role::Web { ipv6 } else { None },
        });
    }
    Ok(Fleet {
        account,
        region,
        vpc_id,
        enis,
        s3_prefixes: spec.s3_prefixes,
        ec2_prefixes: spec.ec2_prefixes,
    })
}

impl Fleet {
    /// The first interface with `role`, if any.
    pub fn first(&self, role: Role) -> Option<&Eni> {
        self.enis.iter().find(|e| e.role == role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_id(s: &str, prefix: &str) -> bool {
        s.strip_prefix(prefix).is_some_and(|hex| {
            hex.len() == 17
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    }

    #[test]
    fn identifiers_have_the_aws_shapes() {
        for (account, region) in [
            ("111111111111", "ap-northeast-1"),
            ("222222222222", "ap-northeast-1"),
            ("222222222222", "us-east-1"),
        ] {
            let f = fleet(account, region).expect("fleet");
            assert!(is_id(&f.vpc_id, "vpc-"), "{}", f.vpc_id);
            for e in &f.enis {
                assert!(is_id(&e.interface_id, "eni-"), "{}", e.interface_id);
                assert!(is_id(&e.subnet_id, "subnet-"), "{}", e.subnet_id);
                match e.role {
                    Role::NatGateway | Role::LoadBalancer => assert_eq!(e.instance_id, "-"),
                    _ => assert!(is_id(&e.instance_id, "i-"), "{}", e.instance_id),
                }
                let want_account = if e.role == Role::LoadBalancer {
                    "unknown"
                } else {
                    account
                };
                assert_eq!(e.account_id, want_account);
                assert!(
                    e.ipv4.starts_with("10.0.") || e.ipv4.starts_with("172.31."),
                    "{}",
                    e.ipv4
                );
                let octets: Vec<u32> = e
                    .ipv4
                    .split('.')
                    .map(|o| o.parse().expect("octet"))
                    .collect();
                assert_eq!(octets.len(), 4);
                assert!(octets.iter().all(|&o| o < 256));
                if let Some(v6) = &e.ipv6 {
                    assert!(v6.starts_with("2001:db8:"), "{v6}");
                    assert_eq!(v6.split(':').count(), 8, "{v6}");
                }
            }
        }
    }

    #[test]
    fn regions_have_their_own_az_ids() {
        let tokyo = fleet("222222222222", "ap-northeast-1").expect("fleet");
        let virginia = fleet("222222222222", "us-east-1").expect("fleet");
        assert!(tokyo.enis.iter().all(|e| e.az_id.starts_with("apne1-az")));
        assert!(virginia.enis.iter().all(|e| e.az_id.starts_with("use1-az")));
        assert_ne!(tokyo.vpc_id, virginia.vpc_id);
    }

    #[test]
    fn account_111_web_servers_have_ipv6() {
        let f = fleet("111111111111", "ap-northeast-1").expect("fleet");
        assert!(
            f.enis
                .iter()
                .filter(|e| e.role == Role::Web)
                .all(|e| e.ipv6.is_some())
        );
    }

    #[test]
    fn unknown_vpc_is_an_error() {
        assert!(fleet("333333333333", "ap-northeast-1").is_err());
    }

    #[test]
    fn fleets_are_stable() {
        assert_eq!(
            fleet("111111111111", "ap-northeast-1").expect("fleet"),
            fleet("111111111111", "ap-northeast-1").expect("fleet")
        );
    }
}
