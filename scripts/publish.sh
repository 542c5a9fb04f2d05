#!/usr/bin/env bash
# Builds the release an operator installs (docs/deployment.md): a self-contained linux-x64 folder
#   dist/tongxing-<version>/   the app (./Tongxing.Web, no .NET needed on the server), the command wrapper ./tongxing,
#                              tongxing.service, appsettings.Production.json.example, tongxing.env.example, VERSION
#   dist/tongxing-<version>.tar.gz
# Usage: scripts/publish.sh [version]   (default: git describe, e.g. 0.13.0 or 7983cc4)
# Prints the folder's path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=${1:-$(git describe --tags --always --dirty 2>/dev/null || date -u +%Y%m%d)}
name=tongxing-$version
out=$root/dist/$name
rm -rf "$out" "$root/dist/$name.tar.gz"
mkdir -p "$out"

# The runtime packs (Microsoft.NETCore.App.Runtime.linux-x64, Microsoft.AspNetCore.App.Runtime.linux-x64) come from
# the NuGet feed like any package. A RID-specific restore writes obj/ for linux-x64: the next plain build restores again.
dotnet publish src/Tongxing.Web/Tongxing.Web.csproj -c Release -r linux-x64 --self-contained true \
  -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false \
  -p:SatelliteResourceLanguages=zh-Hans -p:DebugType=none \
  -o "$out" -nologo -v q >&2
rm -f "$out"/*.xml

# Development settings are not shipped; the production file is written by the operator from the example.
rm -f "$out/appsettings.Development.json"
cp deploy/tongxing.service deploy/appsettings.Production.json.example deploy/tongxing.env.example "$out/"
install -m 0755 deploy/tongxing "$out/tongxing"
echo "$version" > "$out/VERSION"
tar -C "$root/dist" -czf "$root/dist/$name.tar.gz" "$name"
echo "$(du -sh "$out" | cut -f1) in $out, $(du -h "$root/dist/$name.tar.gz" | cut -f1) as dist/$name.tar.gz" >&2
echo "$out"
