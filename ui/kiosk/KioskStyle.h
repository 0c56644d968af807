// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

// The kiosk's look: large type and touch targets, calm colours, a clear primary button.
inline QString kioskStyleSheet()
{
    return QStringLiteral(R"(
QWidget { font-size: 22px; }
QMainWindow, QStackedWidget > QWidget { background: #f5f3ef; }
QLabel[role="title"] { font-size: 34px; font-weight: 600; color: #2b2b2b; padding: 8px; }
QLabel[role="warning"] { color: #a33a1f; }
QPushButton { min-height: 64px; min-width: 96px; padding: 6px 20px; border-radius: 14px;
              background: #ffffff; border: 2px solid #c9c3b8; color: #2b2b2b; }
QPushButton:pressed, QPushButton:checked { background: #e4ddd0; }
QPushButton:disabled { color: #9a958d; border-color: #e0dbd2; }
QPushButton[role="key"] { min-width: 56px; padding: 0px; font-size: 26px; }
QPushButton[role="primary"] { background: #2f6f5e; border-color: #2f6f5e; color: white; font-weight: 600; }
QLineEdit { min-height: 60px; font-size: 30px; padding: 4px 12px; border-radius: 10px;
            border: 2px solid #c9c3b8; background: white; }
QListWidget, QListView, QTreeWidget { background: white; border-radius: 10px; border: 1px solid #d8d2c8; }
QListWidget::item { padding: 10px; border-bottom: 1px solid #eee8de; }
QListWidget::item:selected, QListView::item:selected { background: #cfe3dc; color: #1d1d1d; }
QScrollBar:vertical { width: 28px; }
QProgressBar { min-height: 40px; border-radius: 10px; text-align: center; }
QProgressBar::chunk { background: #2f6f5e; border-radius: 10px; }
)");
}

} // namespace Keepsake
