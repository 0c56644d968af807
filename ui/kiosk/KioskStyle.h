// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

// The smallest edge of anything a finger taps: check boxes, tree arrows, scroll bars.
constexpr int KioskTouchEdge = 44;

// The kiosk's look: large type and touch targets (KioskTouchEdge), calm colours, a
// clear primary button; messages in a calm green (success) or a warm red (warning).
// Scroll bars are wide handles without arrows: a finger drags the handle or flicks
// the list, the tiny arrow buttons are no target for it.
inline QString kioskStyleSheet()
{
    return QStringLiteral(R"(
QWidget { font-size: 22px; }
QMainWindow, QStackedWidget > QWidget { background: #f5f3ef; }
QLabel[role="title"] { font-size: 34px; font-weight: 600; color: #2b2b2b; padding: 8px; }
QLabel[role="warning"] { color: #a33a1f; }
QLabel[role="success"] { color: #1f5e4d; background: #e3f1ec; border: 2px solid #2f6f5e; border-radius: 12px;
                         padding: 8px; }
QLabel[role="code"] { font-size: 56px; font-weight: 700; color: #1f5e4d; letter-spacing: 4px; }
QLabel[role="hint"] { color: #5b564e; }
QLabel[role="expiry"] { color: #8a4b00; font-weight: 600; }
QFrame[role="card"] { background: white; border: 1px solid #d8d2c8; border-radius: 12px; }
QFrame[role="card"][unread="true"] { border: 3px solid #2f6f5e; }
QFrame[role="card"] QLabel { border: none; background: transparent; }
QLabel[role="cardTitle"] { font-weight: 600; font-size: 24px; }
QLabel[role="prompt"] { font-size: 30px; color: #2b2b2b; background: white; border: 2px dashed #2f6f5e;
                        border-radius: 16px; padding: 32px; }
QPushButton { min-height: 64px; min-width: 96px; padding: 6px 20px; border-radius: 14px;
              background: #ffffff; border: 2px solid #c9c3b8; color: #2b2b2b; }
QPushButton:pressed { background: #e4ddd0; }
QPushButton:checked { background: #cfe3dc; border: 3px solid #2f6f5e; }
QPushButton:disabled { color: #9a958d; border-color: #e0dbd2; }
QPushButton[role="key"] { min-width: 56px; padding: 0px; font-size: 26px; }
QPushButton[role="banner"] { background: #fff3dc; border: 3px solid #8a4b00; color: #5a3200; font-weight: 600;
                             text-align: left; padding: 6px 20px; }
QPushButton[role="primary"] { background: #2f6f5e; border-color: #2f6f5e; color: white; font-weight: 600; }
QLineEdit { min-height: 60px; font-size: 30px; padding: 4px 12px; border-radius: 10px;
            border: 2px solid #c9c3b8; background: white; }
QListWidget, QListView, QTreeWidget { background: white; border-radius: 10px; border: 1px solid #d8d2c8; }
QListWidget::item { padding: 10px; border-bottom: 1px solid #eee8de; }
QListWidget::item:selected, QListView::item:selected { background: #cfe3dc; color: #1d1d1d; }
QListView::indicator, QTreeView::indicator, QCheckBox::indicator { width: 44px; height: 44px; }
QTreeView { show-decoration-selected: 1; }
QTreeView::item { min-height: 48px; padding: 6px 4px; }
QScrollBar:vertical { width: 44px; background: #ece8e1; border: none; border-radius: 12px; margin: 0px; }
QScrollBar:horizontal { height: 44px; background: #ece8e1; border: none; border-radius: 12px; margin: 0px; }
QScrollBar::handle:vertical { background: #a9a195; min-height: 64px; border-radius: 10px; margin: 4px; }
QScrollBar::handle:horizontal { background: #a9a195; min-width: 64px; border-radius: 10px; margin: 4px; }
QScrollBar::handle:pressed { background: #2f6f5e; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0px; height: 0px; border: none; background: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QProgressBar { min-height: 40px; border-radius: 10px; text-align: center; }
QProgressBar::chunk { background: #2f6f5e; border-radius: 10px; }
)");
}

} // namespace Keepsake
