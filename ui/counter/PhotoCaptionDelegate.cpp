// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoCaptionDelegate.h"

namespace Keepsake {

PhotoCaptionDelegate::PhotoCaptionDelegate(int iconEdge, QObject *parent) : QStyledItemDelegate(parent), m_edge(iconEdge)
{
}

void PhotoCaptionDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // A pixmap's own size would be the decoration's; the icon draws centred, scaled
    // down only, in the square.
    option->decorationSize = QSize(m_edge, m_edge);
}

} // namespace Keepsake
