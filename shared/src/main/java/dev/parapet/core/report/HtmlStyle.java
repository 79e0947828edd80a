package dev.parapet.core.report;

/** The report's stylesheet, inlined into every HTML report: screen first, then print. */
final class HtmlStyle {
    static final String CSS = """
            :root{--fg:#1f2937;--dim:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--good:#15803d;--fair:#b45309;--bad:#b91c1c}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
              color:var(--fg);background:#fff;margin:0 auto;max-width:1180px;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:2px solid var(--line);
              padding-bottom:4px}h3{font-size:13px;margin:0 0 6px;color:var(--dim);text-transform:uppercase;letter-spacing:.04em}
            .meta,.note,.dim{color:var(--dim)}.note{font-size:13px}
            nav{margin-top:8px}nav a{margin-right:14px;color:#1d4ed8;text-decoration:none}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{flex:1 1 200px;border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--bg)}
            .card p{margin:2px 0}.big{font-size:30px;font-weight:600}
            .good{color:var(--good)}.fair{color:var(--fair)}.bad{color:var(--bad)}.change{font-size:13px}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            th{font-size:12px;color:var(--dim);font-weight:600}
            td.n,th.n{text-align:right;white-space:nowrap}
            tr.account td:first-child{padding-left:26px}tr.cloud td{font-weight:600;background:var(--bg)}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
            .sev,.st,.req{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;font-weight:600;
              color:#fff;background:#6b7280}
            .sev.CRITICAL{background:#7f1d1d}.sev.HIGH{background:#b91c1c}.sev.MEDIUM{background:#c2410c}
            .sev.LOW{background:#a16207}.sev.INFORMATIONAL{background:#475569}
            .st.PASS,.req.PASSED{background:var(--good)}.st.FAIL,.req.FAILED{background:var(--bad)}
            .st.ERROR{background:#7c3aed}.req.NOT_ASSESSED{background:#9ca3af}
            .barcell{width:22%}.bar,.stack{display:flex;height:10px;background:var(--line);border-radius:5px;overflow:hidden;
              margin-top:5px}.bar span{background:#2563eb}.stack .p{background:var(--good)}.stack .f{background:var(--bad)}
            details{margin:6px 0}summary{cursor:pointer;color:#1d4ed8}
            details.std{border:1px solid var(--line);border-radius:8px;padding:6px 10px}
            ul.res{margin:4px 0;padding-left:18px;max-height:320px;overflow:auto}.more{color:var(--dim);font-style:italic}
            .rem{white-space:pre-wrap;margin:4px 0}
            svg.trend{width:100%;height:auto;max-height:320px;display:block;background:#fff}
            svg .grid{stroke:var(--line);stroke-width:1}svg .axis,svg .legend,svg .empty{font-size:11px;fill:var(--dim)}
            svg .legend{fill:var(--fg)}
            footer{margin-top:32px;font-size:12px;color:var(--dim);border-top:1px solid var(--line);padding-top:8px}
            @page{margin:14mm}
            @media print{
              body{max-width:none;padding:0;font-size:10pt}nav{display:none}
              .card{background:none}tr,.card,svg{break-inside:avoid}h2{break-after:avoid}
              ul.res{max-height:none;overflow:visible}
              details.print-open::details-content{content-visibility:visible;display:contents}
              details.print-open>summary{display:none}
              a{color:inherit;text-decoration:none}
            }
            """;

    private HtmlStyle() {
    }
}
