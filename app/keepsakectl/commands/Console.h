// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <cstdio>

namespace Keepsake {

// keepsakectl's output (CLI.md, "Output"): text for people, or with --json one JSON
// object per line on stdout and a last {"summary": ...} line; progress on stderr,
// only when stderr is a terminal and --quiet is not given.
class Console
{
public:
    Console(FILE *out, FILE *err, bool json, bool quiet);

    bool json() const { return m_json; }
    bool quiet() const { return m_quiet; }

    // One item (a file, an album, a photo, a disc...): JSON, or the text given.
    void item(const QJsonObject &object, const QString &text = {});
    // The last line: {"summary": ...} in JSON; the text unless --quiet.
    void summary(const QJsonObject &object, const QString &text = {});
    // Text for people only (nothing in JSON mode or with --quiet).
    void line(const QString &text);
    void error(const QString &text);
    void warning(const QString &text);
    // A moment in a long command that a person or a program may act on at once (the
    // card may be removed): with --json one {"event": NAME, ...} line on stderr, since
    // stdout holds only items and the summary; else the text, unless --quiet.
    void event(const QString &name, QJsonObject fields, const QString &text);

    // A progress bar with count, bytes and time left; cleared by endProgress().
    void progress(qint64 done, qint64 total, qint64 bytesDone, qint64 bytesTotal, const QString &unit);
    void endProgress();

private:
    void clearProgressLine();

    QTextStream m_out;
    QTextStream m_err;
    bool m_json;
    bool m_quiet;
    bool m_showProgress;
    bool m_progressShown = false;
    QElapsedTimer m_progressClock;
    qint64 m_lastDraw = -1000;
};

} // namespace Keepsake
