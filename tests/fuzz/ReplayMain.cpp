// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Replays files through the intake fuzz target without libFuzzer: every argument is
// a file or a folder (walked recursively). Used by CTest over tests/fuzz/regressions
// (inputs the fuzzer once crashed or hung on) and the corpus's hostile files, so each
// stays fixed in every build, sanitizer builds included. Prints one line per file.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

QStringList filesOf(const QString &argument)
{
    if (!QFileInfo(argument).isDir())
        return { argument };
    QStringList files;
    QDirIterator it(argument, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const QStringList files = filesOf(QString::fromLocal8Bit(argv[i]));
        if (files.isEmpty())
            std::printf("nothing to replay in %s\n", argv[i]);
        for (const QString &path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "Cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
                return 2;
            }
            const QByteArray bytes = file.readAll();
            std::printf("replaying %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(bytes.size()));
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
            ++replayed;
        }
    }
    std::printf("%d files replayed, none crashed\n", replayed);
    if (replayed == 0)
        std::fprintf(stderr, "No file was replayed: name files or folders that hold some.\n");
    return replayed > 0 ? 0 : 2;
}
