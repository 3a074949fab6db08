//! `copydesk gazetteer build`: compile TOML sources into a file that loads by memory-mapping.

use crate::status;
use copydesk_core::gazetteer::{compile_files, Gazetteer};
use std::path::{Path, PathBuf};

/// Compiles TOML sources (files, or folders of `.toml` files) into `output`.
pub fn build(sources: &[PathBuf], output: &Path) -> u8 {
    let mut files = Vec::new();
    for source in sources {
        if source.is_dir() {
            let mut found: Vec<PathBuf> = match std::fs::read_dir(source) {
                Ok(entries) => entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect(),
                Err(error) => {
                    eprintln!("copydesk: {}: {error}", source.display());
                    return status::TROUBLE;
                }
            };
            found.sort();
            files.extend(found);
        } else {
            files.push(source.clone());
        }
    }
    let bytes = match compile_files(&files) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("copydesk: {error}");
            return status::TROUBLE;
        }
    };
    if let Err(error) = std::fs::write(output, &bytes) {
        eprintln!("copydesk: cannot write {}: {error}", output.display());
        return status::TROUBLE;
    }
    match Gazetteer::bundled_with(&[output.to_path_buf()]) {
        Ok(gazetteer) => {
            let count = gazetteer.layers().last().map_or(0, |layer| layer.len());
            eprintln!(
                "copydesk: wrote {} ({count} entities, {} bytes)",
                output.display(),
                bytes.len()
            );
            status::CLEAN
        }
        Err(error) => {
            eprintln!("copydesk: {error}");
            status::TROUBLE
        }
    }
}
