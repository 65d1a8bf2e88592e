package dev.ec2migrator.demo.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PNG of hosts completed over time against the lower bound: the run's step curve, and the straight
 * line of a fleet finishing exactly at the bound.
 */
public final class HostsChart {
  private static final int W = 900;
  private static final int H = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private HostsChart() {}

  /**
   * @param finishSeconds each host's completion, seconds after the run started, ascending
   */
  public static void write(
      Path file, String title, List<Double> finishSeconds, double lowerBoundSeconds)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    int hosts = finishSeconds.size();
    double end = finishSeconds.isEmpty() ? 1 : finishSeconds.get(hosts - 1);
    double xMax = niceCeiling(Math.max(end, lowerBoundSeconds) * 1.05);
    double yMax = Math.max(1, hosts);
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      int x = LEFT + plotW * i / 5;
      int y = TOP + plotH - plotH * i / 5;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(x, TOP, x, TOP + plotH);
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.0f s", xMax * i / 5), x - 15, TOP + plotH + 18);
      g.drawString(String.format("%.0f", yMax * i / 5), 10, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString("seconds since the run started", LEFT + plotW / 2 - 80, H - 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 30);

    // the pace of a fleet that finishes exactly at the lower bound
    g.setColor(new Color(200, 60, 60));
    g.setStroke(
        new BasicStroke(
            2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
    g.drawLine(
        LEFT, TOP + plotH, LEFT + (int) (plotW * lowerBoundSeconds / xMax), TOP + plotH - plotH);

    g.setColor(new Color(30, 90, 200));
    g.setStroke(new BasicStroke(2));
    int px = LEFT;
    int py = TOP + plotH;
    for (int i = 0; i < hosts; i++) {
      int x = LEFT + (int) (plotW * finishSeconds.get(i) / xMax);
      int y = TOP + plotH - (int) (plotH * (i + 1) / yMax);
      g.drawLine(px, py, x, py);
      g.drawLine(x, py, x, y);
      px = x;
      py = y;
    }

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(new Color(30, 90, 200));
    g.drawString(String.format("hosts completed (makespan %.1f s)", end), LEFT + 15, TOP + 20);
    g.setColor(new Color(200, 60, 60));
    g.drawString(
        String.format("lower bound pace (%.1f s)", lowerBoundSeconds), LEFT + 15, TOP + 38);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static double niceCeiling(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * step >= v) {
        return m * step;
      }
    }
    return 10 * step;
  }
}
