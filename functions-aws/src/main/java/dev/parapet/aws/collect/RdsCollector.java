package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.List;
import java.util.Set;

/** RDS instances and clusters: DescribeDBInstances / DescribeDBClusters in Config's lower-camel shape. */
public final class RdsCollector implements ServiceCollector {
    public static final String INSTANCE = "AWS::RDS::DBInstance";
    public static final String CLUSTER = "AWS::RDS::DBCluster";

    @Override
    public Set<String> types() {
        return Set.of(INSTANCE, CLUSTER);
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        var rds = target.clients().rds(region);
        if (types.contains(INSTANCE)) {
            Listing.of(out, region, INSTANCE, "rds:DescribeDBInstances",
                    () -> rds.describeDBInstancesPaginator(r -> { }).dbInstances().stream().toList())
                    .forEach(i -> instance(target, region, i, out));
        }
        if (types.contains(CLUSTER)) {
            Listing.of(out, region, CLUSTER, "rds:DescribeDBClusters",
                    () -> rds.describeDBClustersPaginator(r -> { }).dbClusters().stream().toList())
                    .forEach(c -> cluster(target, region, c, out));
        }
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        var rds = target.clients().rds(region);
        try {
            if (INSTANCE.equals(type)) {
                List<DBInstance> found = rds.describeDBInstances(r -> r.dbInstanceIdentifier(key)).dbInstances();
                found.forEach(i -> instance(target, region, i, out));
                return !found.isEmpty();
            }
            if (CLUSTER.equals(type)) {
                List<DBCluster> found = rds.describeDBClusters(r -> r.dbClusterIdentifier(key)).dbClusters();
                found.forEach(c -> cluster(target, region, c, out));
                return !found.isEmpty();
            }
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "DBInstanceNotFound", "DBInstanceNotFoundFault", "DBClusterNotFoundFault", "DBClusterNotFound")) {
                return false;
            }
            throw e;
        }
        throw new IllegalArgumentException("RDS collector does not read " + type);
    }

    private static void instance(Target t, String region, DBInstance i, Collected out) {
        ObjectNode c = SdkJson.object(i, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, INSTANCE, i.dbiResourceId(), i.dbInstanceArn(),
                i.dbInstanceIdentifier());
        out.item(ConfigItems.item(key, out.now(), i.instanceCreateTime(), c, null, ConfigItems.tagMap(c.get("tagList"))),
                "rds instance " + i.dbInstanceIdentifier());
    }

    private static void cluster(Target t, String region, DBCluster cl, Collected out) {
        ObjectNode c = SdkJson.object(cl, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, CLUSTER, cl.dbClusterResourceId(),
                cl.dbClusterArn(), cl.dbClusterIdentifier());
        out.item(ConfigItems.item(key, out.now(), cl.clusterCreateTime(), c, null, ConfigItems.tagMap(c.get("tagList"))),
                "rds cluster " + cl.dbClusterIdentifier());
    }
}
