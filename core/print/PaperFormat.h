// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPageLayout>
#include <QString>

#include <optional>

namespace Keepsake {

// The papers a lab prints on: office sheets, the 10x15 cm / 4x6 in photo paper of the
// classic index print that goes into the disc sleeve, and 80 mm receipt rolls.
enum class Paper { A4, Letter, Photo10x15, Photo4x6, Roll80 };

class PaperFormat
{
public:
    PaperFormat() = default;
    PaperFormat(Paper paper, QPageLayout::Orientation orientation) : m_paper(paper), m_orientation(orientation) { }

    // "a4", "letter", "10x15", "4x6", "80mm" (case-insensitive).
    static std::optional<Paper> parse(const QString &name);
    static QString name(Paper paper);
    static QString choices();   // "a4|letter|10x15|4x6|80mm", for help texts

    Paper paper() const { return m_paper; }
    QPageLayout::Orientation orientation() const { return m_orientation; }
    bool isPhotoPaper() const { return m_paper == Paper::Photo10x15 || m_paper == Paper::Photo4x6; }
    bool isRoll() const { return m_paper == Paper::Roll80; }

    // The page with margins a printer can print (the roll's length is the content's).
    QPageLayout pageLayout(qreal rollLengthMm = 200) const;
    // Columns of an index sheet when nobody chose: 35 photos to an A4 page.
    int defaultColumns() const;
    // The size of body text in points.
    qreal bodyPointSize() const;

private:
    Paper m_paper = Paper::A4;
    QPageLayout::Orientation m_orientation = QPageLayout::Portrait;
};

} // namespace Keepsake
