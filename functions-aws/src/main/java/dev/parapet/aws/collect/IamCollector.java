package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
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
    public static final String ROLE = "AWS::IAM::Role";
    public static final String GROUP = "AWS::IAM::Group";

    @Override
    public Set<String> types() {
        return Set.of(USER, POLICY, ROLE, GROUP);
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
        if (types.contains(ROLE)) {
            filter.add(EntityType.ROLE);
        }
        if (types.contains(GROUP)) {
            filter.add(EntityType.GROUP);
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
            page.roleDetailList().forEach(r -> role(target, r, out));
            page.groupDetailList().forEach(g -> group(target, g, out));
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
            if (ROLE.equals(type) || GROUP.equals(type)) {
                EntityType entity = ROLE.equals(type) ? EntityType.ROLE : EntityType.GROUP;
                for (var page : iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(entity))) {
                    for (RoleDetail r : page.roleDetailList()) {
                        if (r.roleName().equals(key) || r.arn().equals(key)) {
                            role(target, r, out);
                            return true;
                        }
                    }
                    for (GroupDetail g : page.groupDetailList()) {
                        if (g.groupName().equals(key) || g.arn().equals(key)) {
                            group(target, g, out);
                            return true;
                        }
                    }
                }
                return false;
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

    private static void role(Target t, RoleDetail r, Collected out) {
        ObjectNode c = SdkJson.object(r, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), "global", ROLE, r.roleId(), r.arn(), r.roleName());
        out.item(ConfigItems.item(key, out.now(), r.createDate(), c, null, ConfigItems.tagMap(c.get("tags"))),
                "iam role " + r.roleName());
    }

    private static void group(Target t, GroupDetail g, Collected out) {
        ObjectNode c = SdkJson.object(g, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), "global", GROUP, g.groupId(), g.arn(), g.groupName());
        out.item(ConfigItems.item(key, out.now(), g.createDate(), c, null, null), "iam group " + g.groupName());
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
