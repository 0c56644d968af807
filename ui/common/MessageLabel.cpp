// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageLabel.h"

#include <QStyle>

namespace Keepsake {

MessageLabel::MessageLabel(int lines, QWidget *parent) : QLabel(parent), m_lines(qMax(1, lines))
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

void MessageLabel::setRole(const QString &role)
{
    if (property("role").toString() == role)
        return;
    setProperty("role", role);
    style()->unpolish(this);
    style()->polish(this);
    updateGeometry();
}

int MessageLabel::reservedHeight() const
{
    const QMargins margins = contentsMargins();
    return m_lines * fontMetrics().lineSpacing() + 2 * margin() + margins.top() + margins.bottom();
}

QSize MessageLabel::sizeHint() const
{
    const QSize hint = QLabel::sizeHint();
    return { hint.width(), qMax(hint.height(), reservedHeight()) };
}

QSize MessageLabel::minimumSizeHint() const
{
    const QSize hint = QLabel::minimumSizeHint();
    return { hint.width(), qMax(hint.height(), reservedHeight()) };
}

int MessageLabel::heightForWidth(int width) const
{
    return qMax(QLabel::heightForWidth(width), reservedHeight());
}

} // namespace Keepsake
