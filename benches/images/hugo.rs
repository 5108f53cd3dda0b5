//! The same photos resized by Hugo: a project whose one page template resizes every
//! photo to every width as WebP and as JPEG (`.Resize "800x webp q80"`), built clean
//! (its `resources/` cache removed first).

use std::path::Path;
use std::process::Command;

use crate::{measure, Sample, WIDTHS};

/// Times a clean Hugo build of the photos in `pigment_site`; `None` when `hugo` is not on
/// PATH.
pub(crate) fn bench(
    dir: &Path,
    pigment_site: &Path,
    photos: usize,
) -> Result<Option<Sample>, String> {
    let Ok(hugo) = which("hugo") else {
        return Ok(None);
    };
    let root = dir.join("hugo");
    write_project(&root, pigment_site, photos).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(root.join("resources"));
    let _ = std::fs::remove_dir_all(root.join("public"));
    measure(&root, &hugo, &["--quiet"]).map(Some)
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map_err(|_| ())?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !path.is_empty() {
        Ok(path.into())
    } else {
        Err(())
    }
}

fn write_project(root: &Path, pigment_site: &Path, photos: usize) -> std::io::Result<()> {
    let assets = root.join("assets/img");
    std::fs::create_dir_all(&assets)?;
    std::fs::create_dir_all(root.join("layouts/_default"))?;
    std::fs::create_dir_all(root.join("content"))?;
    for i in 0..photos {
        let name = format!("photo-{i:03}.jpg");
        std::fs::copy(
            pigment_site.join("static/img").join(&name),
            assets.join(&name),
        )?;
    }
    std::fs::write(
        root.join("hugo.toml"),
        "baseURL = \"https://photos.example/\"\ntitle = \"Photos\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n[imaging]\nquality = 80\nresampleFilter = \"Lanczos\"\n",
    )?;
    let widths: Vec<String> = WIDTHS.iter().map(u32::to_string).collect();
    let template = format!(
        "{{{{ range resources.Match \"img/*.jpg\" }}}}{{{{ $img := . }}}}{{{{ range slice {} }}}}\
         <img src=\"{{{{ ($img.Resize (printf \"%dx webp q80\" .)).RelPermalink }}}}\">\
         <img src=\"{{{{ ($img.Resize (printf \"%dx jpg q80\" .)).RelPermalink }}}}\">\
         {{{{ end }}}}{{{{ end }}}}\n",
        widths.join(" ")
    );
    std::fs::write(root.join("layouts/index.html"), template)?;
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Photos\n---\n")
}
