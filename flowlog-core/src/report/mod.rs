//! `flowlog report`: one self-contained HTML file answering the usual questions.
//!
//! The page holds everything it shows — CSS inline, charts as inline SVG, no script, no
//! link to fetch — so it opens offline, mails as one file and prints to PDF as it looks.
//! Each section is one of the built-in [`questions`](crate::questions): its chart, the
//! answer's rows exactly as Athena's CSV writes them, and the SQL that produced them (to
//! paste into the Athena console).
//!
//! ```
//! use flowlog_core::questions::{self, Lang, Params};
//! use flowlog_core::report::{Answer, AnswerTable, Report, Section};
//! let q = questions::find("log-status").unwrap();
//! let table = AnswerTable {
//!     columns: vec!["log_status".into(), "records".into(), "all_records".into()],
//!     rows: vec![vec![Some("OK".into()), Some("9".into()), Some("10".into())]],
//! };
//! let report = Report {
//!     lang: Lang::En,
//!     title: "VPC Flow Logs".into(),
//!     facts: vec![("Table".into(), "vpc_flow_logs".into())],
//!     sections: vec![Section {
//!         question: q,
//!         sql: q.sql(&Params::new("vpc_flow_logs")),
//!         answer: Answer::Rows(table),
//!     }],
//! };
//! let html = report.to_html();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("<svg class=\"chart bar\""));
//! assert!(!html.contains("<script"));
//! ```

mod answer;
mod chart;
mod html;

use std::fmt::Write;

pub use answer::AnswerTable;
pub use html::escape;

use crate::questions::{Lang, Question};

/// What one question gave.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The rows of the answer.
    Rows(AnswerTable),
    /// The query failed: the one-line message.
    Failed(String),
}

/// One question of the report and its answer.
#[derive(Debug, Clone)]
pub struct Section {
    /// The question.
    pub question: &'static Question,
    /// The SQL that was run (as the reader can paste it into Athena).
    pub sql: String,
    /// Its answer.
    pub answer: Answer,
}

/// A report: a title, facts about what it covers, and the questions' sections.
#[derive(Debug, Clone)]
pub struct Report {
    /// The language of the page's own text.
    pub lang: Lang,
    /// The page's title.
    pub title: String,
    /// Label/value pairs shown under the title (table, period, time zone, generated at).
    pub facts: Vec<(String, String)>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Hiragino Sans','Noto Sans JP',sans-serif;margin:2rem auto;max-width:860px;color:#111;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}dl.facts dt{color:#555}dl.facts dd{margin:0}
nav ol{columns:2;font-size:.9rem}p.description{color:#333}
table.answer{border-collapse:collapse;font-size:.8rem;margin:.8rem 0;width:100%}
table.answer th,table.answer td{border:1px solid #ddd;padding:.15rem .4rem;text-align:left}
table.answer td.number{text-align:right;font-variant-numeric:tabular-nums}table.answer td.null{color:#999}
pre.sql{background:#f6f6f6;padding:.6rem;font-size:.75rem;overflow-x:auto;white-space:pre-wrap}
p.empty,p.failed{padding:.5rem;background:#fff8e1}p.failed{background:#fdecea}
svg.chart{max-width:100%;height:auto;margin:.5rem 0}
footer{margin-top:3rem;font-size:.75rem;color:#666}
@media print{body{margin:0;max-width:none}section{break-inside:avoid}details{display:block}nav{display:none}}
";

/// The report's fixed text in one language.
struct Words {
    contents: &'static str,
    no_rows: &'static str,
    failed: &'static str,
    sql: &'static str,
    rows: &'static str,
    footer: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            contents: "Contents",
            no_rows: "No rows for this period: nothing in the logs matched this question.",
            failed: "This question could not be answered:",
            sql: "The query (Athena SQL — paste it into the Athena console to run it there)",
            rows: "rows",
            footer: "Written by flowlog. Values are as Athena's CSV result shows them.",
        },
        Lang::Ja => Words {
            contents: "目次",
            no_rows: "この期間に該当する行はありません (この質問に合うログがありませんでした)。",
            failed: "この質問には回答できませんでした:",
            sql: "クエリ (Athena の SQL。Athena のコンソールに貼り付けるとそのまま実行できます)",
            rows: "行",
            footer: "flowlog で作成。値は Athena の CSV 結果と同じ表記です。",
        },
    }
}

impl Report {
    /// The whole page: one HTML document with nothing to fetch.
    pub fn to_html(&self) -> String {
        let w = words(self.lang);
        let lang = match self.lang {
            Lang::En => "en",
            Lang::Ja => "ja",
        };
        let mut s = String::new();
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<dl class=\"facts\">",
            escape(&self.title),
            escape(&self.title)
        );
        for (label, value) in &self.facts {
            let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
        }
        let _ = write!(s, "</dl>\n<nav><h2>{}</h2><ol>", w.contents);
        for section in &self.sections {
            let _ = write!(
                s,
                "<li><a href=\"#{}\">{}</a></li>",
                section.question.name,
                escape(section.question.title.get(self.lang))
            );
        }
        s.push_str("</ol></nav>\n");
        for section in &self.sections {
            self.section(&mut s, section, &w);
        }
        let _ = write!(s, "<footer>{}</footer>\n</body></html>\n", w.footer);
        s
    }

    fn section(&self, s: &mut String, section: &Section, w: &Words) {
        let q = section.question;
        let _ = write!(
            s,
            "<section id=\"{}\" data-question=\"{}\"><h2>{}</h2><p class=\"description\">{}</p>",
            q.name,
            q.name,
            escape(q.title.get(self.lang)),
            escape(q.description.get(self.lang))
        );
        match &section.answer {
            Answer::Failed(message) => {
                let _ = write!(
                    s,
                    "<p class=\"failed\">{} {}</p>",
                    w.failed,
                    escape(message)
                );
            }
            Answer::Rows(table) if table.rows.is_empty() => {
                let _ = write!(s, "<p class=\"empty\">{}</p>", w.no_rows);
            }
            Answer::Rows(table) => {
                if let Some(svg) = chart::svg(q.chart, table, q.name) {
                    s.push_str(&svg);
                }
                answer_table(s, table, w);
            }
        }
        let _ = writeln!(
            s,
            "<details><summary>{}</summary><pre class=\"sql\">{}</pre></details></section>",
            w.sql,
            escape(&section.sql)
        );
    }
}

fn answer_table(s: &mut String, table: &AnswerTable, w: &Words) {
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|c| table.is_numeric(c))
        .collect();
    let _ = write!(
        s,
        "<table class=\"answer\" data-rows=\"{}\"><caption hidden>{} {}</caption><thead><tr>",
        table.rows.len(),
        table.rows.len(),
        w.rows
    );
    for c in &table.columns {
        let _ = write!(s, "<th>{}</th>", escape(c));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        s.push_str("<tr>");
        for (cell, numeric) in row.iter().zip(&numeric) {
            match cell {
                Some(v) if *numeric => {
                    let _ = write!(s, "<td class=\"number\">{}</td>", escape(v));
                }
                Some(v) => {
                    let _ = write!(s, "<td>{}</td>", escape(v));
                }
                None => s.push_str("<td class=\"null\"></td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
}
