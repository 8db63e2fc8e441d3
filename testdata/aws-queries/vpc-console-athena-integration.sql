-- Source: olkitu/aws-terraform, modules/vpc-flow-log-athena/main.tf, commit
-- d737f9454ca715dab38d68b88b6914bd04313138 (2025-01-14; MIT license): the four
-- aws_athena_named_query resources, a Terraform port of named queries of the VPC
-- console's Athena integration, whose own generated text is not public. The query
-- text of each heredoc is verbatim, including the Terraform reference
-- ${aws_glue_catalog_table.vpc_flow_logs.name}, which Terraform replaces by the table
-- name (default vpc_flow_logs); the test does the same. The table's columns are the
-- module's `ordered_table_columns` (variables.tf, same commit): version int,
-- account_id string, interface_id string, srcaddr string, dstaddr string, srcport int,
-- dstport int, protocol int, packets bigint, bytes bigint, start bigint, end bigint,
-- action string, log_status string; partition keys year, month, day (string).
-- Each block starts at a line `-- @query <resource name>: <description>` (added here;
-- the description is the resource's).

-- @query VpcFlowLogsTotalBytesTransferred: Top 50 pairs of source and destination IP addresses with the most bytes transferred.
SELECT SUM(bytes) as totalbytes, srcaddr, dstaddr from ${aws_glue_catalog_table.vpc_flow_logs.name}
GROUP BY srcaddr, dstaddr
ORDER BY totalbytes
LIMIT 50

-- @query VpcFlowLogsSshRdpTraffic: Monitor SSH and RDP traffic
SELECT *
FROM ${aws_glue_catalog_table.vpc_flow_logs.name}
WHERE srcport in (22,3389) OR dstport IN (22, 3389)
ORDER BY "start" ASC
limit 50

-- @query VpcFlowLogsTopRejects: Recorded traffic which was not permitted by the security groups or network ACLs.
SELECT srcaddr, dstaddr,  count(*) count, "action"
FROM ${aws_glue_catalog_table.vpc_flow_logs.name}
WHERE "action" = 'REJECT'
GROUP BY srcaddr, dstaddr, "action"
ORDER BY count desc
LIMIT 25

-- @query VpcFlowLogsAdminPortTraffic: Monitor the traffic on administrative web app ports
SELECT ip, sum(bytes) as total_bytes
FROM (
  SELECT dstaddr as ip,sum(bytes) as bytes
  FROM ${aws_glue_catalog_table.vpc_flow_logs.name}
  GROUP BY 1
  UNION ALL
  SELECT srcaddr as ip,sum(bytes) as bytes
  FROM ${aws_glue_catalog_table.vpc_flow_logs.name}
  GROUP BY 1
)
GROUP BY ip
ORDER BY total_bytes
DESC LIMIT 10
