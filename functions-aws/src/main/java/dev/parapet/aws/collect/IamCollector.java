package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IAM users and customer managed policies from GetAccountAuthorizationDetails, which returns in a few pages what
 * Config records per user (inline policies, attached policies, groups) and per policy (its versions).
 */
public final class IamCollector implements ServiceCollector {
    public static final String USER = "AWS::IAM::User";
    public static final String POLICY = "AWS::IAM::Policy";

    @Override
    public Set<String> types() {
        return Set.of(USER, POLICY);
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        List<EntityType> filter = new ArrayList<>();
        if (types.contains(USER)) {
            filter.add(EntityType.USER);
        }
        if (types.contains(POLICY)) {
            filter.add(EntityType.LOCAL_MANAGED_POLICY);
        }
        List<GetAccountAuthorizationDetailsResponse> pages;
        try {
            pages = target.clients().iam().getAccountAuthorizationDetailsPaginator(r -> r.filter(filter)).stream().toList();
        } catch (RuntimeException e) {
            types.forEach(t -> out.unreadable(t, "global", "iam:GetAccountAuthorizationDetails", e));
            return;
        }
        for (GetAccountAuthorizationDetailsResponse page : pages) {
            page.userDetailList().forEach(u -> user(target, u, out));
            page.policies().forEach(p -> policy(target, p, out));
        }
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        IamClient iam = target.clients().iam();
        try {
            if (USER.equals(type)) {
                var user = iam.getUser(r -> r.userName(key)).user();
                UserDetail detail = UserDetail.builder()
                        .path(user.path()).userName(user.userName()).userId(user.userId()).arn(user.arn())
                        .createDate(user.createDate()).permissionsBoundary(user.permissionsBoundary()).tags(user.tags())
                        .userPolicyList(iam.listUserPoliciesPaginator(r -> r.userName(key)).policyNames().stream()
                                .map(n -> {
                                    var p = iam.getUserPolicy(r -> r.userName(key).policyName(n));
                                    return software.amazon.awssdk.services.iam.model.PolicyDetail.builder()
                                            .policyName(p.policyName()).policyDocument(p.policyDocument()).build();
                                }).toList())
                        .attachedManagedPolicies(iam.listAttachedUserPoliciesPaginator(r -> r.userName(key))
                                .attachedPolicies().stream().toList())
                        .groupList(iam.listGroupsForUserPaginator(r -> r.userName(key)).groups().stream()
                                .map(g -> g.groupName()).toList())
                        .build();
                user(target, detail, out);
                return true;
            }
            if (POLICY.equals(type)) {
                for (var page : iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.LOCAL_MANAGED_POLICY))) {
                    for (ManagedPolicyDetail p : page.policies()) {
                        if (p.arn().equals(key) || p.policyName().equals(key)) {
                            policy(target, p, out);
                            return true;
                        }
                    }
                }
                return false;
            }
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "NoSuchEntity")) {
                return false;
            }
            throw e;
        }
        throw new IllegalArgumentException("IAM collector does not read " + type);
    }

    private static void user(Target t, UserDetail u, Collected out) {
        ObjectNode c = SdkJson.object(u, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), "global", USER, u.userId(), u.arn(), u.userName());
        out.item(ConfigItems.item(key, out.now(), u.createDate(), c, null, ConfigItems.tagMap(c.get("tags"))),
                "iam user " + u.userName());
    }

    private static void policy(Target t, ManagedPolicyDetail p, Collected out) {
        ObjectNode c = SdkJson.object(p, SdkJson.Style.CONFIG);
        String name = p.policyName() != null ? p.policyName() : p.arn().substring(p.arn().lastIndexOf('/') + 1);
        // Config's resource id for a policy is its PolicyId; the ARN stands in when a response lacks it
        ConfigItems.Key key = new ConfigItems.Key(t.account(), "global", POLICY, p.policyId() != null ? p.policyId() : p.arn(),
                p.arn(), name);
        out.item(ConfigItems.item(key, out.now(), p.createDate(), c, null, null), "iam policy " + name);
    }
}
