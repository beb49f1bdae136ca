"""Build hook: compile the L1 cache's hot path (stackvsheap/sim/_l1c.c).

Optional by design: where no C compiler or Python headers are present the
build goes on as pure Python and the simulator uses cache.py's closures,
with the same results (tests/sim/test_cache_compiled.py), only slower.
"""

from __future__ import annotations

import shlex
import subprocess
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("stackvsheap/sim/_l1c.c")


def compile_l1(root: Path) -> Path:
    """Build the extension next to its source (an editable install imports it
    from there) and return its path."""
    out = root / SOURCE.with_name("_l1c" + sysconfig.get_config_var("EXT_SUFFIX"))
    ldshared = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
    include = sysconfig.get_paths()["include"]
    cmd = [*ldshared, "-O2", "-fPIC", f"-I{include}", str(root / SOURCE), "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    return out


class CompileL1Hook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        try:
            so = compile_l1(root)
        except (OSError, subprocess.SubprocessError) as e:
            detail = getattr(e, "stderr", b"") or b""
            self.app.display_warning(
                f"stackvsheap: the compiled L1 cache was not built ({e}); "
                f"using the pure-Python one. {detail.decode(errors='replace')[-500:]}"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(so)] = str(so.relative_to(root))
