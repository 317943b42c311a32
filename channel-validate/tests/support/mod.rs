//! What the binary's test files share: the binary with its colour settings cleared, a scratch
//! directory to run it in, what a run produced, and payloads to build on. Each test file uses
//! part of it.
#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{json, Value};

/// The variables that would force or forbid colour; cleared so that the terminal check decides.
pub const COLOUR_VARS: [&str; 5] = [
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
];

/// `program` with the colour variables cleared.
pub fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    for var in COLOUR_VARS {
        command.env_remove(var);
    }
    command
}

/// The binary with the colour variables cleared.
pub fn cli() -> Command {
    command(env!("CARGO_BIN_EXE_channel-validate"))
}

/// A scratch directory, removed when dropped; commands run inside it so that sources are the
/// short names given.
pub struct Dir(pub PathBuf);

impl Dir {
    /// An empty directory named after `test`, which no other test of the file uses.
    pub fn new(test: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("channel-validate-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> &Dir {
        fs::write(self.0.join(name), contents).unwrap();
        self
    }

    /// The binary run inside the directory with `args`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(cli().current_dir(&self.0).args(args))
    }

    /// The binary run inside the directory with `args`, reading `stdin`.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        Run::of(cli().current_dir(&self.0).args(args).write_stdin(stdin))
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary on `contents`, written to the file `name` in a directory of its own, with
/// `args` before the file name.
pub fn run_file(name: &str, contents: impl AsRef<[u8]>, args: &[&str]) -> Run {
    let dir = Dir::new(name);
    dir.write(name, contents);
    dir.run(&[args, &[name]].concat())
}

/// What a run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        let run = Run {
            code: output
                .status
                .code()
                .expect("exited, not killed by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run
    }
}

impl Run {
    /// Runs `command` to its end.
    pub fn of(command: &mut Command) -> Run {
        Run::from(command.output().unwrap())
    }

    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// The lines of standard output that sum up a document, without its findings.
    pub fn summaries(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|line| !line.contains(": /"))
            .collect()
    }

    /// Each line of standard output as JSON.
    pub fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }

    /// The one line of standard output, as JSON.
    pub fn json_line(&self) -> Value {
        let mut lines = self.json();
        assert_eq!(lines.len(), 1, "{}", self.stdout);
        lines.remove(0)
    }
}

/// A `created_at` in RFC 3339.
pub const AT: &str = "2015-09-08T22:48:09Z";

/// `object` with each member of the object `extra` set on it.
pub fn merged(mut object: Value, extra: Value) -> Value {
    for (key, value) in extra.as_object().unwrap() {
        object[key] = value.clone();
    }
    object
}

/// A push of one resource with `extra` merged into it, as text.
pub fn push_with(extra: Value) -> String {
    let resource = json!({
        "external_id": "r1", "message": "m", "created_at": AT, "author": {"external_id": "u1"}
    });
    let resources = [merged(resource, extra)];
    json!({"instance_push_id": "acct", "external_resources": resources}).to_string()
}
