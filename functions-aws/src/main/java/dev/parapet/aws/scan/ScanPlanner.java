package dev.parapet.aws.scan;

import dev.parapet.core.model.Provider;
import dev.parapet.core.store.ScanScope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parts and scopes of one account's scan: global groups once, the others once per region. */
public final class ScanPlanner {
    private ScanPlanner() {
    }

    public static List<ScanPart> parts(String scanId, String account, String roleArn, List<String> regions,
                                       List<TypeGroup> groups, Instant startedAt) {
        List<ScanPart> planned = new ArrayList<>();
        for (TypeGroup g : groups) {
            if (g.global()) {
                planned.add(new ScanPart(scanId, account, roleArn, regions, g.name(), g.types(), 0, 1, startedAt));
            } else {
                for (String region : regions) {
                    planned.add(new ScanPart(scanId, account, roleArn, List.of(region), g.name(), g.types(), 0, 1, startedAt));
                }
            }
        }
        List<ScanPart> out = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            ScanPart p = planned.get(i);
            out.add(new ScanPart(scanId, account, roleArn, p.regions(), p.group(), p.types(), i, planned.size(), startedAt));
        }
        return out;
    }

    /** What the scan completely covers: each region, and "global" for IAM and the account item. */
    public static List<ScanScope> scopes(String account, List<String> regions) {
        List<ScanScope> out = new ArrayList<>();
        regions.forEach(r -> out.add(new ScanScope(Provider.AWS, account, r)));
        out.add(new ScanScope(Provider.AWS, account, "global"));
        return out;
    }
}
