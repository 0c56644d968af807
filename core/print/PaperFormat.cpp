// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PaperFormat.h"

#include <QMarginsF>
#include <QSizeF>
#include <QStringList>
#include <QPageSize>

namespace Keepsake {

namespace {

struct PaperName { Paper paper; const char *name; };
constexpr PaperName PaperNames[] = {
    { Paper::A4, "a4" },           { Paper::Letter, "letter" }, { Paper::Photo10x15, "10x15" },
    { Paper::Photo4x6, "4x6" },    { Paper::Roll80, "80mm" },
};

} // namespace

std::optional<Paper> PaperFormat::parse(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    for (const PaperName &entry : PaperNames) {
        if (wanted == QLatin1String(entry.name))
            return entry.paper;
    }
    return std::nullopt;
}

QString PaperFormat::name(Paper paper)
{
    for (const PaperName &entry : PaperNames) {
        if (entry.paper == paper)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

QString PaperFormat::choices()
{
    QStringList names;
    for (const PaperName &entry : PaperNames)
        names.append(QString::fromLatin1(entry.name));
    return names.join(QLatin1Char('|'));
}

QPageLayout PaperFormat::pageLayout(qreal rollLengthMm) const
{
    // Office printers leave about 4 mm unprinted at each edge, photo printers and
    // receipt printers less; the margins stay inside what they can print.
    switch (m_paper) {
    case Paper::A4:
        return { QPageSize(QPageSize::A4), m_orientation, QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter };
    case Paper::Letter:
        return { QPageSize(QPageSize::Letter), m_orientation, QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter };
    case Paper::Photo10x15:
        return { QPageSize(QSizeF(100, 150), QPageSize::Millimeter, QStringLiteral("10x15 cm"), QPageSize::ExactMatch),
                 m_orientation, QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter };
    case Paper::Photo4x6:
        return { QPageSize(QSizeF(4, 6), QPageSize::Inch, QStringLiteral("4x6 in"), QPageSize::ExactMatch),
                 m_orientation, QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter };
    case Paper::Roll80:
        return { QPageSize(QSizeF(80, rollLengthMm), QPageSize::Millimeter, QStringLiteral("Roll 80 mm"),
                           QPageSize::ExactMatch),
                 QPageLayout::Portrait, QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter };
    }
    return {};
}

int PaperFormat::defaultColumns() const
{
    const bool landscape = m_orientation == QPageLayout::Landscape;
    if (isPhotoPaper())
        return landscape ? 8 : 5;
    return landscape ? 7 : 5;
}

qreal PaperFormat::bodyPointSize() const
{
    return isPhotoPaper() ? 5.5 : 7.5;
}

} // namespace Keepsake
