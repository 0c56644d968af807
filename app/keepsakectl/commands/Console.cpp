// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"

#include "base/ByteSize.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <unistd.h>

namespace Keepsake {

Console::Console(FILE *out, FILE *err, bool json, bool quiet)
    : m_out(out), m_err(err), m_json(json), m_quiet(quiet),
      m_showProgress(!quiet && ::isatty(::fileno(err)) == 1)
{
    m_out.setEncoding(QStringConverter::Utf8);
    m_err.setEncoding(QStringConverter::Utf8);
}

void Console::item(const QJsonObject &object, const QString &text)
{
    clearProgressLine();
    if (m_json)
        m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    else if (!text.isEmpty())
        m_out << text << '\n';
    m_out.flush();
}

void Console::summary(const QJsonObject &object, const QString &text)
{
    item(QJsonObject { { QStringLiteral("summary"), object } }, m_quiet ? QString() : text);
}

void Console::line(const QString &text)
{
    if (m_json || m_quiet)
        return;
    clearProgressLine();
    m_out << text << '\n';
    m_out.flush();
}

void Console::error(const QString &text)
{
    clearProgressLine();
    m_err << QCoreApplication::translate("Keepsake::Console", "keepsakectl: %1").arg(text) << '\n';
    m_err.flush();
}

void Console::warning(const QString &text)
{
    if (m_quiet)
        return;
    error(text);
}

void Console::event(const QString &name, QJsonObject fields, const QString &text)
{
    clearProgressLine();
    if (m_json) {
        fields.insert(QStringLiteral("event"), name);
        m_err << QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)) << '\n';
        m_err.flush();
    } else if (!m_quiet) {
        m_out << text << '\n';
        m_out.flush();
    }
}

void Console::progress(qint64 done, qint64 total, qint64 bytesDone, qint64 bytesTotal, const QString &unit)
{
    if (!m_showProgress || total <= 0)
        return;
    if (!m_progressClock.isValid())
        m_progressClock.start();
    const qint64 now = m_progressClock.elapsed();
    if (done < total && now - m_lastDraw < 100)
        return;
    m_lastDraw = now;
    constexpr int Width = 28;
    const double fraction = bytesTotal > 0 ? double(bytesDone) / double(bytesTotal) : double(done) / double(total);
    const int filled = int(fraction * Width);
    QString bar = QString(filled, QLatin1Char('#')) + QString(Width - filled, QLatin1Char('.'));
    QString left;
    if (fraction > 0.02 && done < total) {
        const qint64 seconds = qint64(double(now) / fraction * (1.0 - fraction) / 1000.0);
        left = QCoreApplication::translate("Keepsake::Console", ", %1:%2 left")
                   .arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    m_err << '\r' << '[' << bar << "] " << done << '/' << total << ' ' << unit;
    if (bytesTotal > 0)
        m_err << ", " << formatBytes(bytesDone) << '/' << formatBytes(bytesTotal);
    m_err << left << "   ";
    m_err.flush();
    m_progressShown = true;
}

void Console::endProgress()
{
    clearProgressLine();
}

void Console::clearProgressLine()
{
    if (!m_progressShown)
        return;
    m_err << '\r' << QString(100, QLatin1Char(' ')) << '\r';
    m_err.flush();
    m_progressShown = false;
}

} // namespace Keepsake
