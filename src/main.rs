//! The `cuaderno` binary: parse the command line, run the library, exit with its code.

use clap::Parser;

fn main() {
    let cli = cuaderno::cli::Cli::parse();
    cuaderno::output::interrupt::install();
    let code = cuaderno::cli::run(cli);
    // Interrupted: the handler removes the staging folder and exits with 130.
    while cuaderno::output::interrupt::interrupted() {
        std::thread::park();
    }
    std::process::exit(code);
}
