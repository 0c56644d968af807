// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

namespace Keepsake {

class Command;

// The keepsakectl commands, one file each.
std::unique_ptr<Command> makeCustomerCommand();
std::unique_ptr<Command> makeIngestCommand();
std::unique_ptr<Command> makeUsbCommand();   // cameras and phones on USB (UsbCommand.cpp)
std::unique_ptr<Command> makeAlbumsCommand();
std::unique_ptr<Command> makePhotosCommand();
std::unique_ptr<Command> makePhotoCommand();   // photo caption (PhotoCommand.cpp)
std::unique_ptr<Command> makeThumbnailsCommand();
std::unique_ptr<Command> makeCheckCommand();
std::unique_ptr<Command> makeStatusCommand();
std::unique_ptr<Command> makeAlbumCommand();
// expiry commands (ShareRuleCommands.cpp, ConfigAuditCommands.cpp, ExpiryCommands.cpp)
std::unique_ptr<Command> makeShareCommand();
std::unique_ptr<Command> makeRuleCommand();
std::unique_ptr<Command> makeConfigCommand();
std::unique_ptr<Command> makeExpireCommand();
std::unique_ptr<Command> makeNotifyCommand();
std::unique_ptr<Command> makePurgeCommand();
std::unique_ptr<Command> makeServeCommand();
std::unique_ptr<Command> makeAuditCommand();
// print commands (PrintCommand.cpp)
std::unique_ptr<Command> makePrintCommand();
// disc commands (DiscCommands.cpp)
std::unique_ptr<Command> makeDrivesCommand();
std::unique_ptr<Command> makeBurnCommand();
std::unique_ptr<Command> makeVerifyCommand();
std::unique_ptr<Command> makeDiscCommand();
// the chain's commands (DeviceCommands.cpp, RoutingCommands.cpp)
std::unique_ptr<Command> makeDeviceCommand();
std::unique_ptr<Command> makeTerminalCommand();
std::unique_ptr<Command> makeCameraCommand();
std::unique_ptr<Command> makeQueueCommand();
std::unique_ptr<Command> makeUploadCommand();
std::unique_ptr<Command> makeJobsCommand();
std::unique_ptr<Command> makeJobCommand();

} // namespace Keepsake
