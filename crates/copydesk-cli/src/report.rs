//! `copydesk report`: who is quoted in each article and what it leans on, from
//! `copydesk_core::sourcing::report`.

use crate::files::{self, Configs, Problem};
use crate::output::Place;
use crate::{status, ReportArgs, ReportFormat};
use copydesk_core::sourcing::{self, Report, SourceEntry};
use copydesk_core::Document;
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

pub fn run(args: ReportArgs) -> u8 {
    let configs = Configs::new(args.common.config.clone());
    let (inputs, mut problems) = files::collect(&args.common, &configs);
    let mut reports = Vec::new();
    for input in &inputs {
        match files::read(input, &args.common, &configs) {
            Ok(article) => {
                let report = sourcing::report(&article.doc, &article.config.gazetteer);
                reports.push((article.name, article.doc, report));
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut out = io::stdout().lock();
    let written = match args.format {
        ReportFormat::Human => write_human(&mut out, &reports),
        ReportFormat::Json => write_json(&mut out, &reports),
    };
    if let Err(error) = written {
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("copydesk: cannot write the report: {error}");
            return status::TROUBLE;
        }
    }
    for Problem(message) in &problems {
        eprintln!("copydesk: {message}");
    }
    if problems.is_empty() {
        status::CLEAN
    } else {
        status::TROUBLE
    }
}

type Reported = (String, Document, Report);

fn at(doc: &Document, span: &Range<usize>) -> String {
    let place = Place::of(doc, span);
    format!("{}:{}", place.start.line, place.start.column)
}

/// One line of text, at most `limit` characters: long quotations are cut with "…".
fn one_line(text: &str, limit: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let cut: String = flat.chars().take(limit).collect();
    format!("{cut}…")
}

fn write_human(out: &mut impl Write, reports: &[Reported]) -> io::Result<()> {
    for (index, (name, doc, report)) in reports.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let label = |fr: &'static str, en: &'static str| doc.language.pick(fr, en);
        writeln!(out, "{name}")?;
        let with_speaker = report
            .quotations
            .iter()
            .filter(|q| q.speaker.is_some())
            .count();
        let share = report
            .attributed_share
            .map_or_else(String::new, |s| format!(", {:.0} %", s * 100.0));
        writeln!(
            out,
            "  {} {} ({with_speaker} {}{share})",
            label("Citations :", "Quotations:"),
            report.quotations.len(),
            label("avec locuteur", "with a speaker"),
        )?;
        for quotation in &report.quotations {
            let speaker = quotation.speaker.as_ref().map_or_else(
                || label("(sans locuteur)", "(no speaker)").to_string(),
                |s| one_line(&s.text, 60),
            );
            writeln!(
                out,
                "    {:<8} {} — {speaker}",
                at(doc, &quotation.span),
                one_line(&quotation.text, 70)
            )?;
        }
        write_entries(
            out,
            doc,
            label("Sources nommées :", "Named sources:"),
            &report.named_sources,
        )?;
        write_entries(
            out,
            doc,
            label("Sources anonymes :", "Anonymous sources:"),
            &report.anonymous_sources,
        )?;
        write_entries(
            out,
            doc,
            label("Attributions vagues :", "Vague attributions:"),
            &report.vague_attributions,
        )?;
        writeln!(
            out,
            "  {} {}",
            label("Médias d’État cités :", "State-controlled outlets cited:"),
            report.state_media.len()
        )?;
        for outlet in &report.state_media {
            writeln!(
                out,
                "    {:<8} {} ({}, {})",
                at(doc, &outlet.span),
                outlet.text,
                outlet.outlet,
                outlet.state_name
            )?;
        }
    }
    Ok(())
}

fn write_entries(
    out: &mut impl Write,
    doc: &Document,
    title: &str,
    entries: &[SourceEntry],
) -> io::Result<()> {
    writeln!(out, "  {title} {}", entries.len())?;
    for entry in entries {
        writeln!(
            out,
            "    {:<8} {}",
            at(doc, &entry.span),
            one_line(&entry.text, 70)
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    path: &'a str,
    language: copydesk_core::Language,
    quotations: Vec<JsonQuotation>,
    named_sources: Vec<JsonSpan>,
    anonymous_sources: Vec<JsonSpan>,
    vague_attributions: Vec<JsonSpan>,
    state_media: Vec<JsonOutlet>,
    attributed_share: Option<f64>,
}

#[derive(Serialize)]
struct JsonSpan {
    text: String,
    byte_range: [usize; 2],
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonQuotation {
    #[serde(flatten)]
    quotation: JsonSpan,
    speaker: Option<JsonSpan>,
}

#[derive(Serialize)]
struct JsonOutlet {
    #[serde(flatten)]
    mention: JsonSpan,
    outlet: String,
    state: String,
    state_name: String,
}

fn json_span(doc: &Document, text: &str, span: &Range<usize>) -> JsonSpan {
    let place = Place::of(doc, span);
    JsonSpan {
        text: text.to_string(),
        byte_range: [span.start, span.end],
        line: place.start.line,
        column: place.start.column,
    }
}

fn json_entries(doc: &Document, entries: &[SourceEntry]) -> Vec<JsonSpan> {
    entries
        .iter()
        .map(|e| json_span(doc, &e.text, &e.span))
        .collect()
}

fn write_json(out: &mut impl Write, reports: &[Reported]) -> io::Result<()> {
    let json: Vec<JsonReport> = reports
        .iter()
        .map(|(name, doc, report)| JsonReport {
            path: name,
            language: doc.language,
            quotations: report
                .quotations
                .iter()
                .map(|q| JsonQuotation {
                    quotation: json_span(doc, &q.text, &q.span),
                    speaker: q.speaker.as_ref().map(|s| json_span(doc, &s.text, &s.span)),
                })
                .collect(),
            named_sources: json_entries(doc, &report.named_sources),
            anonymous_sources: json_entries(doc, &report.anonymous_sources),
            vague_attributions: json_entries(doc, &report.vague_attributions),
            state_media: report
                .state_media
                .iter()
                .map(|m| JsonOutlet {
                    mention: json_span(doc, &m.text, &m.span),
                    outlet: m.outlet.clone(),
                    state: m.state.clone(),
                    state_name: m.state_name.clone(),
                })
                .collect(),
            attributed_share: report.attributed_share,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
