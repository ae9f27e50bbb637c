#!/usr/bin/env bash
# Runs the project's Yarn with the project's Node (see toolchain.sh), e.g. `scripts/yarn.sh bench:terminal`.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
rde_install
cd "$RDE_ROOT"
exec yarn "$@"
