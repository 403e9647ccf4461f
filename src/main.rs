//! The `cuaderno` binary: parse the command line, run the library, exit with its code.

use clap::Parser;

// The command line is the binary's, not part of the library's API.
mod cli;
// The language server is the binary's too: it uses only the library's public API.
mod lsp;

fn main() {
    let cli = cli::Cli::parse();
    cuaderno::output::interrupt::install();
    let code = cli::run(cli);
    // Interrupted: the handler removes the staging folder and exits with 130.
    while cuaderno::output::interrupt::interrupted() {
        std::thread::park();
    }
    std::process::exit(code);
}
