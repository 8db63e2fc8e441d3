#!/bin/sh
# VPC Flow Logs to S3 as Parquet, as the bucket policy and the Athena DDL expect.
# Run with credentials of each source account (111111111111, 222222222222), with VPC_ID set to the VPC to log.
set -eu

aws ec2 create-flow-logs \
  --region ap-northeast-1 \
  --resource-type VPC \
  --resource-ids "${VPC_ID:?set VPC_ID to the VPC id (vpc-...)}" \
  --traffic-type ALL \
  --log-destination-type s3 \
  --log-destination arn:aws:s3:::central-log-bucket/org \
  --log-format '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${region} ${az-id} ${sublocation-type} ${sublocation-id} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${flow-direction} ${traffic-path}' \
  --max-aggregation-interval 600 \
  --destination-options FileFormat=parquet,HiveCompatiblePartitions=false,PerHourPartition=false
