/// The pages' one stylesheet, inline: no fonts, scripts or images from anywhere.
enum Style {
    static let css: StaticString = """
        :root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f9fafb;--card:#fff;--pass:#059669;--warn:#d97706;--fail:#dc2626;--error:#6b21a8}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
        header{background:#111827;color:#fff;padding:12px 20px}
        header a{color:#fff}
        header h1{font-size:20px;margin:0 0 4px}
        header nav{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:14px}
        main{max-width:1240px;margin:0 auto;padding:16px 20px 40px}
        h2{font-size:18px;margin:28px 0 10px}
        h3{font-size:15px;margin:0 0 4px}
        a{color:#1d4ed8}
        .note{background:#fef3c7;border:1px solid #fcd34d;padding:8px 12px;border-radius:6px;overflow-wrap:anywhere}
        .panels{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
        .panel{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;min-width:0}
        .panel svg{width:100%;height:auto;display:block}
        .caption{color:var(--muted);font-size:13px;margin:0 0 6px}
        .empty{color:var(--muted);font-style:italic}
        .legend{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
        .legend li{overflow-wrap:anywhere}
        .swatch{display:inline-block;width:18px;height:0;border-top:3px solid;margin-right:6px;vertical-align:middle}
        .swatch.dashed{border-top-style:dashed}
        .grid{stroke:#e5e7eb;stroke-width:1}
        .axis{stroke:#9ca3af;stroke-width:1}
        .ylabel{font-size:11px;fill:#6b7280;text-anchor:end}
        .xlabel{font-size:11px;fill:#6b7280;text-anchor:middle}
        .unit{font-size:11px;fill:#6b7280;text-anchor:middle}
        .line{fill:none;stroke-width:2}
        .line.dashed{stroke-dasharray:6 4}
        .gauge{max-width:320px;margin:0 auto}
        .gauge-track{fill:none;stroke:#e5e7eb;stroke-width:18}
        .gauge-value{fill:none;stroke-width:18}
        .gauge-number{font-size:40px;font-weight:700;text-anchor:middle;fill:#111827}
        .gauge-label{font-size:13px;text-anchor:middle;fill:#6b7280}
        .changes{text-align:center;color:var(--muted);font-size:13px;margin:4px 0 0}
        .scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#f3f4f6;font-weight:600;white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.msg{min-width:16em;overflow-wrap:anywhere}
        .status{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
        .s-PASS,.s-HEALTHY{background:var(--pass)}
        .s-WARN,.s-AT_RISK{background:var(--warn)}
        .s-FAIL,.s-CRITICAL{background:var(--fail)}
        .s-ERROR{background:var(--error)}
        dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;margin:0}
        dl.meta dt{color:var(--muted)}
        dl.meta dd{margin:0;overflow-wrap:anywhere}
        section.check{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;margin:12px 0}
        section.check h3{overflow-wrap:anywhere}
        .s-OPEN,.s-failed{background:var(--fail)}
        .s-ACKNOWLEDGED,.s-HIGH,.s-pending,.s-sending{background:var(--warn)}
        .s-SUPPRESSED,.s-MEDIUM,.s-LOW{background:var(--muted)}
        .s-RESOLVED,.s-sent{background:var(--pass)}
        .filters{display:flex;flex-wrap:wrap;gap:4px 14px}
        .filters a[aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
        .counts{display:flex;flex-wrap:wrap;gap:6px 16px}
        a.failed{color:var(--fail);font-weight:700}
        .actions{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
        .actions h2{flex-basis:100%;margin-bottom:0}
        .actions form{display:flex;flex-wrap:wrap;gap:6px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px;max-width:100%}
        .actions input{max-width:100%}
        ol.timeline{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 12px 12px 36px;margin:0;overflow-wrap:anywhere}
        ol.timeline time{color:var(--muted);font-variant-numeric:tabular-nums}
        footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
        @media (max-width:760px){.panels{grid-template-columns:minmax(0,1fr)}main{padding:12px}header{padding:10px 12px}}
        """
}
