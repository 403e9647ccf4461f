//! `cuaderno init` and `cuaderno theme eject`: what a new playbook starts from.

use super::args::{Cli, InitArgs};
use std::io::Write;
use std::path::Path;

fn no_config(cli: &Cli, what: &str) -> anyhow::Result<()> {
    if cli.config.is_some() {
        anyhow::bail!("`--config` means nothing for `{what}`: it reads no site.toml");
    }
    Ok(())
}

pub(super) fn init(cli: &Cli, args: &InitArgs) -> anyhow::Result<i32> {
    no_config(cli, "init")?;
    if let Some(docfx) = &args.from_docfx {
        return from_docfx(args, docfx);
    }
    let today = cuaderno::init::today();
    let opts = cuaderno::init::Options {
        title: args.title.clone(),
        languages: args.languages.clone(),
        today,
    };
    let files = cuaderno::init::init(&args.dir, &opts)?;
    let shown = args.dir.display().to_string();
    let cd = match shown.as_str() {
        "." | "" => String::new(),
        dir => format!("cd {dir} && "),
    };
    let _ = writeln!(
        std::io::stderr(),
        "cuaderno: a playbook of {} file(s) in {shown} ({})\n\
         next: {cd}cuaderno serve --open    preview it; pages reload when you save\n\
         \x20     cuaderno check             lint it (cuaderno check --help for CI gates)\n\
         \x20     cuaderno build             the portal, into public/",
        files.len(),
        args.languages.join(", ")
    );
    Ok(0)
}

/// `init --from-docfx`: site.toml beside docfx.json, never over an existing one.
fn from_docfx(args: &InitArgs, docfx: &Path) -> anyhow::Result<i32> {
    if args.dir != Path::new(".") {
        anyhow::bail!("`--from-docfx` writes site.toml beside docfx.json: give no folder");
    }
    let (target, notes) = cuaderno::init::docfx::init(docfx, args.title.as_deref())?;
    let mut err = std::io::stderr();
    for note in &notes {
        let _ = writeln!(err, "note: {note}");
    }
    let _ = writeln!(
        err,
        "cuaderno: {} written from {} ({} setting(s) not carried over, above)\n\
         next: cuaderno check --config {0}    links, includes, xrefs, metadata\n\
         \x20     cuaderno build --config {0}",
        target.display(),
        docfx.display(),
        notes.len()
    );
    Ok(0)
}

pub(super) fn eject(cli: &Cli, dir: &Path) -> anyhow::Result<i32> {
    no_config(cli, "theme eject")?;
    let n = cuaderno::theme::eject(dir)?;
    let _ = writeln!(
        std::io::stderr(),
        "cuaderno: the built-in theme's {n} file(s) written to {}\n\
         next: set `theme = \"{}\"` in site.toml. Files you keep there replace the built-in ones;\n\
         \x20     files you delete come from the built-in theme again (`theme_base = \"none\"`: never).",
        dir.display(),
        dir.display()
    );
    Ok(0)
}
