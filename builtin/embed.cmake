# Writes OUT, a C++ file holding every file under ROOT as a string literal (run by
# src/CMakeLists.txt at build time). Usage: cmake -DROOT=dir -DOUT=file.cpp -P embed.cmake
file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/*")
list(SORT files)
set(body "")
set(table "")
set(i 0)
foreach(rel IN LISTS files)
  file(READ "${ROOT}/${rel}" hex HEX)
  # One "\xNN" literal per byte, concatenated, so no escape swallows the next character.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\"\\\\x\\1\"" lit "${hex}")
  string(REGEX REPLACE "((\"[^\"]*\"){24})" "\\1\n    " lit "${lit}")
  if(lit STREQUAL "")
    set(lit "\"\"")
  endif()
  string(APPEND body "constexpr char kFile${i}[] =\n    ${lit};\n")
  string(REPLACE "\\" "\\\\" esc "${rel}")
  string(REPLACE "\"" "\\\"" esc "${esc}")
  string(APPEND table "    {\"${esc}\", std::string_view(kFile${i}, sizeof(kFile${i}) - 1)},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from builtin/_templates by builtin/embed.cmake. Do not edit.
#include \"gen/builtin.h\"

namespace unjucks::gen {
namespace {
${body}
constexpr EmbeddedFile kFiles[] = {
${table}};
}  // namespace

std::span<const EmbeddedFile> embedded_files() { return kFiles; }

}  // namespace unjucks::gen
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
