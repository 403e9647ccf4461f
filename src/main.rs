//! The `cuaderno` binary: parse the command line, run the library, exit with its code.

use clap::Parser;

fn main() {
    let cli = cuaderno::cli::Cli::parse();
    cuaderno::output::interrupt::install();
    std::process::exit(cuaderno::cli::run(cli));
}
