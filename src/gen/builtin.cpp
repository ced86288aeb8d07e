#include "gen/builtin.h"

namespace unjucks::gen {

TemplateSet load_builtin(MemoryDisk* disk) {
  const std::string root(kBuiltinRoot);
  disk->add_dir(root);
  for (const EmbeddedFile& f : embedded_files()) {
    disk->add_file(root + "/" + std::string(f.path), std::string(f.content));
  }
  TemplateSet set;
  set.disk = disk;
  set.root = root;
  set.builtin = true;
  return set;
}

}  // namespace unjucks::gen
