select
format_datetime(from_unixtime("start", 9, 0),'yyyy-MM-dd HH:mm:ss') AS starttime_jst,
format_datetime(from_unixtime("end", 9, 0),'yyyy-MM-dd HH:mm:ss') AS endtime_jst,
srcaddr,
dstaddr,
dstport,
packets,
bytes
from vpc_flow_logs_bench
where 1 = 1
AND log_status = 'OK'
AND account_id = '111111111111'
ORDER by starttime_jst
