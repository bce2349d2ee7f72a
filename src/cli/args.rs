//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// presend: lint an email before it is sent and predict the rejection it would draw.
#[derive(Debug, Parser)]
#[command(name = "presend", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint messages (`.eml` files, or folders walked for them).
    Check(CheckArgs),
    /// Show the documentation of a rule, or the whole catalogue.
    Rule(RuleArgs),
    /// Apply safe fixes (line endings, missing Date and Message-ID, long header lines, raw
    /// UTF-8 headers) to `.eml` files.
    Fix(FixArgs),
    /// Probe an SMTP server the way the application will (EHLO, STARTTLS, AUTH, SIZE) and
    /// report the settings that end in a rejection (PS8xx).
    SmtpCheck(SmtpCheckArgs),
    /// Read a bounce (a DSN, an MTA's bounce text or a pasted reply line), name the reason and
    /// the lints that would have caught it.
    Explain(ExplainArgs),
}

/// Output formats of `presend explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// For people.
    Full,
    /// One JSON document: `{"bounces": [...]}`.
    Json,
}

/// Arguments of `presend explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Bounce files (`.eml`), or `-` for standard input (the default).
    #[arg(default_value = "-")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Full)]
    pub format: ExplainFormat,
    /// The inputs are MTA logs (Postfix, Exim, Sendmail): summarise their permanent failures.
    #[arg(long)]
    pub log: bool,
}

/// Arguments of `presend smtp-check`.
#[derive(Debug, Args)]
pub struct SmtpCheckArgs {
    /// `smtp://host:port` (STARTTLS) or `smtps://host:port` (implicit TLS); default: `[smtp]
    /// url` from presend.toml. Credentials come from PRESEND_SMTP_USERNAME and
    /// PRESEND_SMTP_PASSWORD, never from the command line.
    pub url: Option<String>,
    /// A message to be sent through this server, checked against its SIZE limit.
    #[arg(long, value_name = "FILE")]
    pub message: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,
    /// Write the output to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// The name to send with EHLO (default: `[smtp] ehlo-name`, else `localhost`).
    #[arg(long, value_name = "NAME")]
    pub ehlo_name: Option<String>,
    /// Timeout for connecting and for each reply, e.g. `5s` (default: `[smtp] timeout`, 10s).
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Extra trusted CA certificates, PEM (default: `[smtp] ca-file`).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Connect to this address instead of the URL's host and port; the URL still names the
    /// TLS server and decides the port rules (like curl's --connect-to).
    #[arg(long, value_name = "IP:PORT")]
    pub connect_to: Option<std::net::SocketAddr>,
    /// Rules to leave out.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit with status 0 even when findings fail the check.
    #[arg(long)]
    pub exit_zero: bool,
    /// Use this configuration file instead of discovering presend.toml / .presend.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
}

/// Arguments of `presend fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or folders (walked for `.eml`).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// The files are stored with Unix newlines: normalise line endings to LF, not CRLF.
    #[arg(long)]
    pub stored_newlines: bool,
}

/// Output formats of `presend check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Source-annotated diagnostics with help and the predicted reply.
    Full,
    /// One line per diagnostic.
    Concise,
    /// One JSON document for the whole run.
    Json,
    /// One JSON object per diagnostic per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: one testsuite per file, one testcase per rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Arguments of `presend check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint (folders are walked for `.eml`, honouring .gitignore).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,
    /// Write the output to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Rules to run, replacing the configured selection (codes, prefixes, names, groups, ALL).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules to leave out.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit with status 0 even when findings fail the check.
    #[arg(long)]
    pub exit_zero: bool,
    /// Fail (exit 1) when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// The files are stored with Unix newlines that the sender converts to CRLF: do not report
    /// an all-LF file as bare LF (mixed endings are still reported).
    #[arg(long)]
    pub stored_newlines: bool,
    /// The files are exactly what is about to be sent (enables time-of-check rules such as
    /// date-skew); by default files on disk are treated as stored templates or archives.
    #[arg(long)]
    pub outgoing: bool,
    /// An envelope recipient (`RCPT TO`) to check as well as the To/Cc/Bcc headers
    /// (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ADDRESS")]
    pub rcpt: Vec<String>,
    /// Where the auth rules (PS7xx) get DNS answers: `off` (no network, the default),
    /// `static` (`[dns.records]` only) or `live` (a resolver; `[dns] nameservers`).
    #[arg(long, value_name = "MODE", value_parser = ["off", "static", "live"])]
    pub dns: Option<String>,
    /// The envelope sender (`MAIL FROM`) SPF is checked for; default: Return-Path, Sender or
    /// From.
    #[arg(long, value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Use this configuration file instead of discovering presend.toml / .presend.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
}

/// Output formats of `presend rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleFormat {
    /// Markdown text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `presend rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (`PS104`) or name (`missing-message-id`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub rule: Option<String>,
    /// Show every rule.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RuleFormat::Text)]
    pub format: RuleFormat,
}
