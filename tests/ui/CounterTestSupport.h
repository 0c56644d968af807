// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the counter's window tests share: a walk over a window's labels for text that
// does not fit and has no tooltip with it.
#pragma once

#include <QLabel>
#include <QStringList>
#include <QWidget>

namespace Keepsake::Test {

// Labels whose text does not fit the space they got and carry no tooltip with it.
inline QStringList clippedLabels(const QWidget *window)
{
    QStringList clipped;
    for (const QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(window) || label->text().isEmpty() || !label->isVisible())
            continue;
        const bool fits = label->wordWrap() ? label->height() + 1 >= label->heightForWidth(label->width())
                                            : label->width() + 1 >= label->sizeHint().width();
        if (!fits && label->toolTip().isEmpty())
            clipped << QStringLiteral("%1 \"%2\" (%3×%4)").arg(label->objectName(), label->text())
                           .arg(label->width()).arg(label->height());
    }
    return clipped;
}

} // namespace Keepsake::Test
