# Sourced by scripts/setup.sh. The agent console (console/):
#   - Dear ImGui from Debian's source package, compiled unmodified (core and
#     the GLFW + OpenGL 3 backends) by both the native and the Emscripten build;
#   - GLFW and OpenGL headers for the native build;
#   - Xvfb, xauth and Mesa's software OpenGL for the native smoke test;
#   - a CJK font (WenQuanYi Micro Hei) and fontTools' pyftsubset, which cuts
#     it down to the characters the browser console needs.
ensure_debian_packages libglfw3-dev libgl-dev xvfb xauth libgl1-mesa-dri \
  fonts-wqy-microhei fonttools
IMGUI_DEBIAN_VERSION=1.86+ds-1
fetch_source imgui "$IMGUI_DEBIAN_VERSION" "$CACHE/src/imgui"
