package dev.parapet.azure;

import com.github.tomakehurst.wiremock.client.WireMock;

/** Serves the test estate for scripts/cold-start.sh until its standard input closes. */
public final class ColdStartStub {
    private ColdStartStub() {
    }

    public static void main(String[] args) throws Exception {
        StubArm stub = new StubArm();
        Estate.register(stub.server);
        Estate.provider(stub.server, "Microsoft.Storage", "provider-storage.json");
        Estate.arm(stub.server, Estate.STORAGE, "2025-01-01", "s1-storage-account-arm.json");
        stub.server.stubFor(WireMock.get(WireMock.urlPathEqualTo(Estate.STORAGE + "/blobServices/default")).atPriority(1)
                .willReturn(Estate.json("s1-storage-blobservices-fixed.json")));
        System.out.println("ENDPOINT " + stub.endpoint());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the script closes our stdin
        }
        stub.close();
    }
}
